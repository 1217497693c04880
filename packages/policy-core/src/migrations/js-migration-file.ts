import { JS_TOOLS } from './js-tools.js';
import { type JsSeriesValue, jsFolders } from './js-series-entries.js';

/**
 * The files each tool loads from its folder (MikroORM's Migrator: its glob `!(*.d).{js,ts,cjs}`). Knex (lib/migrations/migrate/sources/fs-migrations.js)
 * reads the folder itself, not its subfolders, keeping the names whose extension is one of
 * DEFAULT_LOAD_EXTENSIONS (.js, .cjs, .mjs, .ts among them); TypeORM loads the files its
 * `migrations` glob names, in practice `migrations/*.{ts,js}`. Type declarations and tests are no
 * migrations of either. Apart from the series reader (js-tree.ts), so that the agent gate's path
 * roles can ask without loading the JavaScript parser.
 */
export function isJsMigrationFile(path: string): boolean {
  return (
    /\.[cm]?[jt]s$/.test(path) && !/\.d\.[cm]?ts$/.test(path) && !/\.(test|spec)\.[cm]?[jt]s$/.test(path)
  );
}

/** The JS tools' keys in the policy's `migrations` section. */
const JS_KEYS = JS_TOOLS;

/** Which JS tool's folder holds the file (directly), as the policy's `migrations` section names them. */
export function jsMigrationTool(
  path: string,
  section: Partial<Record<(typeof JS_KEYS)[number], JsSeriesValue>> | undefined,
): (typeof JS_KEYS)[number] | undefined {
  if (!section || !isJsMigrationFile(path)) return undefined;
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash);
  // Every folder of every series (a TypeORM `{ folders: [...] }` entry's too).
  for (const tool of JS_KEYS) if (jsFolders(section[tool]).includes(dir)) return tool;
  return undefined;
}
