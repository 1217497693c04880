import type { LayoutReader } from './layout-reader.js';
import { basename, dirnameSlash, joinRepoPath } from './repo-paths.js';

/**
 * Folders named like SQL migrations (`sql/`, `schema/`) that hold something else: templates an
 * application renders (`{% if %}` tags: Jinja, Django, Liquid), or the schema files a code
 * generator reads (sqlc's `schema:`). Checked as migrations, their every file is a false alarm.
 */

/** How many .sql files of a folder are read to tell templates from migrations. */
const SAMPLE = 10;

/** Folder names that say migrations outright; `sql/` and `schema/` say much less. */
const MIGRATION_NAMES = new Set(['migrations', 'migration', 'migrate', 'db-migrations']);

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
  const weakName = !MIGRATION_NAMES.has(basename(folder.slice(0, -1)));
  const named = [...generatorSchemas].some(
    (s) => s === folder || s.startsWith(folder) || folder.startsWith(s),
  );
  return weakName && named ? 'generator-schema' : undefined;
}

/** The folders (with trailing slash) or files sqlc's configs name as `schema:`. */
export function sqlcSchemas(files: readonly string[], reader: LayoutReader): Set<string> {
  const out = new Set<string>();
  for (const config of files.filter((f) => /^sqlc\.(ya?ml|json)$/.test(basename(f)))) {
    const text = reader.readFile(config) ?? '';
    // `schema: "sql/schema"`, `"schema": ["a.sql", "b/"]`, or a YAML list under `schema:`.
    const values: string[] = [];
    for (const m of text.matchAll(/"?schema"?[ \t]*:[ \t]*(\[[^\]]*\]|"[^"\n]*"|'[^'\n]*'|[^\s#\n]+)?/g)) {
      const inline = m[1];
      if (inline) values.push(...(inline.match(/[^\s"',[\]]+/g) ?? []));
      else {
        const rest = text
          .slice((m.index ?? 0) + m[0].length)
          .split('\n')
          .slice(1);
        for (const line of rest) {
          const item = /^\s*-\s*["']?([^"'\s#]+)/.exec(line);
          if (!item) break;
          values.push(item[1] as string);
        }
      }
    }
    for (const v of values) {
      const path = joinRepoPath(dirnameSlash(config), v);
      if (path !== undefined) out.add(path.endsWith('.sql') ? dirnameSlash(path) : `${path}/`);
    }
  }
  return out;
}
