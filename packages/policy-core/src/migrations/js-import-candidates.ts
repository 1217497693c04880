/**
 * The agent gate's cheap look at whether a write may concern the MIG rules through a JS/TS
 * migration's imports (js-import-changes.ts says why such a write matters): plain text scans, no
 * parser, so that a path-only decision (the path rules read this for every written path) loads
 * none of the JavaScript parser. The analysis then decides exactly (importedValuesChanged).
 */

/**
 * The migrations of `folders` (each a JS/TS tool's folder, files directly in it) that substitute
 * `${…}` in their text, by path: the only ones whose imports can give them values. Read once per
 * agent-gate call, however many files it writes.
 */
export function substitutingMigrations(
  files: readonly string[],
  folders: readonly string[],
  read: (path: string) => string | undefined,
): Map<string, string> {
  const inFolder = (f: string) =>
    folders.some((r) => {
      const prefix = r === '' ? '' : `${r}/`;
      return f.startsWith(prefix) && !f.slice(prefix.length).includes('/');
    });
  const out = new Map<string, string>();
  for (const f of files) {
    if (!/\.[mc]?[jt]s$/.test(f) || !inFolder(f)) continue;
    const text = read(f);
    if (text?.includes('${')) out.set(f, text);
  }
  return out;
}

/**
 * Those of `migrations` (substitutingMigrations) that may read `path` through their imports: an
 * import specifier ending in the file's name. A cheap look, for the agent gate's question whether
 * a write may concern the MIG rules at all; the analysis then decides exactly
 * (importedValuesChanged).
 */
export function migrationsThatMayImport(migrations: ReadonlyMap<string, string>, path: string): string[] {
  const stem = (path.split('/').pop() as string).replace(/\.[mc]?[jt]s$/, '');
  if (stem === '') return [];
  const named = new RegExp(
    `['"][^'"\\n]*/${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.[mc]?[jt]s)?(/index(\\.[mc]?[jt]s)?)?['"]`,
  );
  return [...migrations].filter(([f, text]) => f !== path && named.test(text)).map(([f]) => f);
}
