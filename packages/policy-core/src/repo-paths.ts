/** The last segment of a repository path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The folder of a repository path with its trailing slash; '' at the root. */
export function dirnameSlash(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** Every folder of the listed files, each with its trailing slash. */
export function foldersOf(files: readonly string[]): Set<string> {
  const dirs = new Set<string>();
  for (const f of files)
    for (let i = f.indexOf('/'); i !== -1; i = f.indexOf('/', i + 1)) dirs.add(f.slice(0, i + 1));
  return dirs;
}

/**
 * The folders (`a/b/`, each ending in `/`) that lie in none of the others, sorted: `db/` for
 * `db/` and `db/old/`.
 */
export function outermostFolders(folders: Iterable<string>): string[] {
  const out: string[] = [];
  // Sorted, a folder's subfolders follow it: each is inside a folder kept, or starts anew.
  for (const d of [...new Set(folders)].sort()) if (!out.some((o) => d.startsWith(o))) out.push(d);
  return out;
}

/** Joins repository path segments, resolving `.` and `..`; undefined when it leaves the repository. */
export function joinRepoPath(base: string, rel: string): string | undefined {
  const out: string[] = [];
  for (const seg of `${base}${rel}`.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}
