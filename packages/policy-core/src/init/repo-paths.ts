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
