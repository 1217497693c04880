/** What detection may read beyond the file list: the Node entry answers from disk, a test from memory. */
export interface LayoutReader {
  readFile(path: string): string | undefined;
  /** An empty Alembic `versions/` folder is in no file list but still names the tree. */
  isDirectory(path: string): boolean;
}
