import { MemoryRepo } from '../../index.js';
import { runGit } from '../git/run-git.js';
import { splitZ } from '../git/path-bytes.js';

/** A commit's files under some paths, as a RepoView policy-core's readers take. */
export interface CommitSlice {
  repo: MemoryRepo;
  /** Paths that are in the commit but are not files (symlinks, submodules): not read. */
  notFiles: Set<string>;
}

/** `<mode> <type> <oid>\t<path>` entries of `git ls-tree -r -z` under `paths` at `commit`. */
async function listUnder(root: string, commit: string, paths: readonly string[]) {
  // --literal-pathspecs: the policy's paths are names, never patterns or `:(magic)`.
  const out = await runGit(root, [
    '--literal-pathspecs',
    'ls-tree',
    '-r',
    '-z',
    '--full-tree',
    commit,
    '--',
    ...paths,
  ]);
  return splitZ(out.stdout).map((entry) => {
    const tab = entry.indexOf('\t');
    const [mode = '', type = '', oid = ''] = entry.slice(0, tab).split(' ');
    return { mode, type, oid, path: entry.slice(tab + 1) };
  });
}

/**
 * The files under `paths` at each of `commits`: one `ls-tree` per commit (run together), then
 * one `cat-file --batch` for every distinct blob, so a file both commits share is read once.
 */
export async function readCommitSlices(
  root: string,
  commits: readonly string[],
  paths: readonly string[],
): Promise<CommitSlice[]> {
  if (paths.length === 0) return commits.map(() => ({ repo: new MemoryRepo({}), notFiles: new Set() }));
  const listings = await Promise.all(commits.map((c) => listUnder(root, c, paths)));
  const oids = [
    ...new Set(
      listings.flatMap((l) => l.filter((e) => e.type === 'blob' && e.mode !== '120000').map((e) => e.oid)),
    ),
  ];
  const blobs = await readBlobsByOid(root, oids);
  return listings.map((listing) => {
    const files = new Map<string, string>();
    const notFiles = new Set<string>();
    for (const e of listing) {
      const text = e.type === 'blob' && e.mode !== '120000' ? blobs.get(e.oid) : undefined;
      if (text === undefined) notFiles.add(e.path);
      else files.set(e.path, text);
    }
    return { repo: new MemoryRepo(files), notFiles };
  });
}

/** Blob texts by object id, from one `git cat-file --batch` (`<oid> blob <size>\n<bytes>\n` each). */
async function readBlobsByOid(root: string, oids: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (oids.length === 0) return texts;
  const out = (await runGit(root, ['cat-file', '--batch'], { input: `${oids.join('\n')}\n` })).stdout;
  let at = 0;
  for (const oid of oids) {
    const nl = out.indexOf(10, at);
    if (nl === -1) break;
    const [, type, sizeText] = out.toString('latin1', at, nl).split(' ');
    if (sizeText === undefined) {
      at = nl + 1; // "<oid> missing": nothing follows
      continue;
    }
    const size = Number(sizeText);
    if (type === 'blob') texts.set(oid, out.toString('utf8', nl + 1, nl + 1 + size));
    at = nl + 1 + size + 1;
  }
  return texts;
}
