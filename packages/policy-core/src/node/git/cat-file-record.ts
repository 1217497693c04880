/**
 * One answer of `git cat-file --batch`/`--batch-command` at the start of `out`, as bytes:
 * - `<name> missing` (or `ambiguous`): the name echoed, which may hold a newline when it was
 *   asked with `-z`, so it is matched as bytes. A found object's header may start with the same
 *   characters (a full hash asked for), so the verdict after the name tells the two apart.
 * - `symlink|dangling|loop|notdir <size>\n<size bytes>\n`: what --follow-symlinks answers
 *   instead of an object.
 * - `<oid> <type> <size>\n`, then (for a contents question) the object and a newline.
 * Incomplete output asks for more (`need`: how many bytes it must hold); anything else is
 * `garbled` (git and the reader out of step).
 */
export type CatFileRecord =
  | { kind: 'missing'; used: number }
  | { kind: 'not-a-file'; what: 'symlink' | 'dangling' | 'loop' | 'notdir'; used: number }
  | { kind: 'object'; oid: string; type: string; bytes?: Buffer; used: number }
  | { kind: 'need'; bytes: number }
  | { kind: 'garbled' };

const NOT_FOUND = new Set(['missing', 'ambiguous']);
const NOT_A_FILE = /^(symlink|dangling|loop|notdir) (\d+)$/;
const OBJECT = /^([0-9a-f]{40,64}) (\S+) (\d+)$/;

export function readCatFileRecord(out: Buffer, object: Buffer, contents: boolean): CatFileRecord {
  const echoed = out.length > object.length && out.subarray(0, object.length).equals(object);
  if (echoed && out[object.length] === 0x20) {
    const nl = out.indexOf(10, object.length);
    if (nl === -1) return { kind: 'need', bytes: out.length + 1 };
    if (NOT_FOUND.has(out.toString('latin1', object.length + 1, nl)))
      return { kind: 'missing', used: nl + 1 };
  }
  const nl = out.indexOf(10);
  if (nl === -1) return { kind: 'need', bytes: out.length + 1 };
  const header = out.toString('latin1', 0, nl);
  const skipped = NOT_A_FILE.exec(header);
  if (skipped) {
    const used = nl + 1 + Number(skipped[2]) + 1;
    if (out.length < used) return { kind: 'need', bytes: used };
    return { kind: 'not-a-file', what: skipped[1] as 'symlink', used };
  }
  const found = OBJECT.exec(header);
  const size = Number(found?.[3]);
  if (!found || !Number.isSafeInteger(size)) return { kind: 'garbled' };
  const [, oid = '', type = ''] = found;
  if (!contents) return { kind: 'object', oid, type, used: nl + 1 };
  const used = nl + 1 + size + 1;
  if (out.length < used) return { kind: 'need', bytes: used };
  return { kind: 'object', oid, type, bytes: out.subarray(nl + 1, nl + 1 + size), used };
}
