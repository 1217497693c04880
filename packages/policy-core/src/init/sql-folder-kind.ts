import { parseDocument } from 'yaml';
import { LIMITS } from '../limits.js';
import type { LayoutReader } from './layout-reader.js';
import { basename, dirnameSlash, joinRepoPath } from '../repo-paths.js';
import { sqlFolderNameKind } from '../migrations/sql-folder-names.js';

/**
 * Folders named like SQL migrations (`sql/`, `schema/`) that hold something else: templates an
 * application renders (`{% if %}` tags: Jinja, Django, Liquid), or the schema files a code
 * generator reads (sqlc's `schema:`). Checked as migrations, their every file is a false alarm.
 */

/** How many .sql files of a folder are read to tell templates from migrations. */
const SAMPLE = 10;

/** What `folder` holds instead of migrations, or undefined when nothing says so. */
export function notMigrations(
  folder: string,
  sqlFiles: readonly string[],
  reader: LayoutReader,
  generatorSchemas: ReadonlySet<string>,
): 'templates' | 'generator-schema' | undefined {
  if (/(^|\/)templates\//.test(folder)) return 'templates';
  for (const path of sqlFiles.slice(0, SAMPLE))
    if ((reader.readFile(path) ?? '').includes('{%')) return 'templates';
  // Only a name that says migrations outright (sql-folder-names.ts) outweighs sqlc's word.
  const weakName = sqlFolderNameKind(basename(folder.slice(0, -1))) !== 'migrations';
  const named = [...generatorSchemas].some(
    (s) => s === folder || s.startsWith(folder) || folder.startsWith(s),
  );
  return weakName && named ? 'generator-schema' : undefined;
}

/** The folders (with trailing slash) sqlc's configs name as `schema:` (a file names its folder). */
export function sqlcSchemas(files: readonly string[], reader: LayoutReader): Set<string> {
  const out = new Set<string>();
  for (const config of files.filter((f) => /^sqlc\.(ya?ml|json)$/.test(basename(f)))) {
    for (const v of schemaEntries(reader.readFile(config) ?? '')) {
      const path = joinRepoPath(dirnameSlash(config), v);
      if (path !== undefined) out.add(path.endsWith('.sql') ? dirnameSlash(path) : `${path}/`);
    }
  }
  return out;
}

/**
 * The `schema:` values of an sqlc config (YAML, or JSON, which YAML reads too): under `sql:`
 * (version 2) or `packages:` (version 1), a path or a list of paths. A config that does not parse,
 * or is past the limits policy files have, names nothing.
 */
function schemaEntries(text: string): string[] {
  if (text.length > LIMITS.policy.chars) return [];
  let config: unknown;
  try {
    config = parseDocument(text).toJS({ maxAliasCount: LIMITS.policy.yamlAliases });
  } catch {
    return [];
  }
  const root = (config ?? {}) as Record<string, unknown>;
  const entries = [root.sql, root.packages].flatMap((list) => (Array.isArray(list) ? list : []));
  return entries.flatMap((entry) => {
    const schema = (entry as Record<string, unknown> | null)?.schema;
    const values = Array.isArray(schema) ? schema : [schema];
    return values.filter((v): v is string => typeof v === 'string');
  });
}
