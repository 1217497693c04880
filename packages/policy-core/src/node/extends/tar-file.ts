import { LIMITS } from '../../limits.js';

/**
 * One regular file of a gzipped tar (an npm package tarball), or undefined when it holds none at
 * `path`. ustar headers (name, with the prefix field for long names); a pax extended header's
 * `path` record names the entry after it, as npm writes for longer names. Unpacked within
 * LIMITS.policy.cachedBaseBytes: a package of policies is small.
 */
export function fileInTarball(tgz: Uint8Array, path: string): Buffer | undefined {
  const { gunzipSync } = process.getBuiltinModule('node:zlib');
  const tar = gunzipSync(tgz, { maxOutputLength: LIMITS.policy.cachedBaseBytes });
  const text = (from: number, length: number) => {
    const field = tar.subarray(from, from + length);
    const nul = field.indexOf(0);
    return field.toString('utf8', 0, nul < 0 ? field.length : nul);
  };
  let paxPath: string | undefined;
  for (let at = 0; at + 512 <= tar.length; ) {
    if (tar[at] === 0) break;
    const size = Number.parseInt(text(at + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(tar[at + 156] ?? 0);
    const prefix = text(at + 345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${text(at, 100)}` : text(at, 100));
    const body = tar.subarray(at + 512, at + 512 + size);
    paxPath = undefined;
    if (type === 'x') paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
    else if ((type === '0' || type === '\0') && name === path) return Buffer.from(body);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}
