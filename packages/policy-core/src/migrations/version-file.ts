// Which files of an Alembic versions folder are revisions, and how a folder is named: a module of its own, so that a reader
// of paths (the agent gate's, the path roles) needs no part of the migration reader to ask.

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

/** @internal */
export function normaliseRoot(root: string): string {
  return root.replace(/^\.?\//, '').replace(/\/+$/, '');
}
