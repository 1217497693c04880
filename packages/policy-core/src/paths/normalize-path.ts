/**
 * Repo paths are compared in one canonical form: POSIX separators, no leading `./` or `/`,
 * no empty or `.` segments. A trailing `/` is kept: it says "this is a directory", which is
 * what makes a dir-only pattern (`apps/`) apply to the path itself.
 */

// Anything that needs rewriting: a backslash, a doubled slash, a leading `/` or `./`,
// or a `.`/`..` segment. Most repo paths have none of these, so the hot path is one test.
const NEEDS_WORK = /\\|\/\/|^\.?\/|(?:^|\/)\.\.?(?:\/|$)/;

export function normalizeRepoPath(p: string): string {
  if (!NEEDS_WORK.test(p)) return p;
  const isDir = /[\\/]$/.test(p);
  const out: string[] = [];
  for (const part of p.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    // `..` above the root has nowhere to go; dropping it keeps the path inside the repo.
    if (part === '..') out.pop();
    else out.push(part);
  }
  const joined = out.join('/');
  return isDir && joined !== '' ? `${joined}/` : joined;
}
