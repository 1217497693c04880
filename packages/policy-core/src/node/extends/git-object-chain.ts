import { LIMITS } from '../../limits.js';

/**
 * The git objects that lead from a commit to one file: the commit, the tree of each directory
 * on the path, the file's blob; each as git stores it (`git cat-file <type> <id>`, no header).
 */
export interface ObjectChain {
  commit: Buffer;
  trees: Buffer[];
  blob: Buffer;
}

/**
 * The file's text when `chain` is the one git would give for `path` at `commit`: every object
 * hashes (sha1 of "type len\0" + bytes, or sha256 in a SHA-256 repository) to the id its parent
 * names, from the pinned commit SHA down to the blob. So nothing but the commit SHA has to be
 * trusted: a cached copy edited by anyone fails here. Returns why it does not, otherwise.
 */
export function verifyChain(
  commit: string,
  path: string,
  chain: ObjectChain,
): { text: string } | { problem: string } {
  const algorithm = commit.length === 64 ? 'sha256' : 'sha1';
  const idBytes = algorithm === 'sha256' ? 32 : 20;
  // node:crypto loaded on the first base read, not with the module (see native-sha256.ts).
  const { createHash } = process.getBuiltinModule('node:crypto');
  const id = (type: string, bytes: Buffer) =>
    createHash(algorithm).update(`${type} ${bytes.length}\0`).update(bytes).digest('hex');
  if (id('commit', chain.commit) !== commit) return { problem: 'the commit object does not hash to its SHA' };
  let tree = /^tree ([0-9a-f]+)\n/.exec(chain.commit.toString('latin1'))?.[1];
  const segments = path.split('/');
  if (segments.length !== chain.trees.length) return { problem: 'the path and the trees do not agree' };
  let blob: string | undefined;
  for (const [i, name] of segments.entries()) {
    const bytes = chain.trees[i] as Buffer;
    if (tree === undefined || id('tree', bytes) !== tree)
      return { problem: `the tree of \`${segments.slice(0, i).join('/') || '/'}\` does not hash to its id` };
    const entry = treeEntry(bytes, name, idBytes);
    const last = i === segments.length - 1;
    if (!entry) return { problem: `\`${segments.slice(0, i + 1).join('/')}\` is not in the commit` };
    if (last ? !entry.mode.startsWith('100') : entry.mode !== '40000')
      return {
        problem: `\`${segments.slice(0, i + 1).join('/')}\` is not a ${last ? 'file' : 'directory'} in the commit`,
      };
    if (last) blob = entry.id;
    else tree = entry.id;
  }
  if (blob === undefined || id('blob', chain.blob) !== blob)
    return { problem: 'the file does not hash to the id its tree names' };
  if (chain.blob.length > LIMITS.policy.chars) return { problem: 'the file is larger than a policy may be' };
  return { text: chain.blob.toString('utf8') };
}

/** The entry `name` of a raw tree object: "<mode> <name>\0<id bytes>" repeated. */
export function treeEntry(
  tree: Buffer,
  name: string,
  idBytes: number,
): { mode: string; id: string } | undefined {
  const want = Buffer.from(name, 'utf8');
  let at = 0;
  while (at < tree.length) {
    const space = tree.indexOf(0x20, at);
    const nul = tree.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 1 + idBytes > tree.length) return undefined;
    if (want.equals(tree.subarray(space + 1, nul)))
      return {
        mode: tree.toString('latin1', at, space),
        id: tree.toString('hex', nul + 1, nul + 1 + idBytes),
      };
    at = nul + 1 + idBytes;
  }
  return undefined;
}
