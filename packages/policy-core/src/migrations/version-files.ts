import type { RepoView } from '../repo.js';
import { withoutTrailingSlashes } from '../trailing-slashes.js';

/**
 * Alembic loads `*.py` in its version folders except `__init__.py` and editor lock files.
 * @internal
 */
export function isVersionFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return (
    base.endsWith('.py') &&
    base !== '__init__.py' &&
    !base.startsWith('.#') &&
    !path.includes('/__pycache__/')
  );
}

/** The version files (isVersionFile) under the Alembic folders `roots`, in the listing's order. */
export function alembicVersionFiles(repo: RepoView, roots: readonly string[]): string[] {
  const prefixes = roots.map(normaliseRoot).map((r) => (r === '' ? '' : `${r}/`));
  return repo.listFiles().filter((f) => isVersionFile(f) && prefixes.some((p) => f.startsWith(p)));
}

/** @internal A folder as written (`./db/`, `.`) as the listing names it: `db`, and '' for the repository's root. */
export function normaliseRoot(root: string): string {
  const folder = withoutTrailingSlashes(root.replace(/^\.?\//, ''));
  return folder === '.' ? '' : folder;
}
