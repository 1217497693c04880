import { LIMITS } from '../limits.js';
import type { RepoView } from '../repo.js';

// MikroORM's Migrator runs pending migrations under two settings of its config's `migrations`,
// both on by default (packages/core/src/utils/Configuration.ts, v5.9.7, v6.6.16 and v7.1.13):
// `transactional`, each migration in a transaction, and `allOrNothing`, every pending migration
// of one `up()` in one master transaction (Migrator.ts `runMigrations` in v5/v6,
// AbstractMigrator.ts in v7), each migration's own transaction a savepoint in it. A migration whose
// isTransactional() returns false runs on a pooled connection outside that master transaction
// (MigrationRunner.ts `run`). The config is a program and is never run: a literal in a file the
// CLI reads (`mikro-orm.config.*`, ConfigurationLoader.ts) is read; anything else is said.

/** A MikroORM config file's name, as the CLI looks for one. */
const CONFIG = /(^|\/)mikro-orm\.config\.[cm]?[jt]s$/;

/** What the repository's MikroORM configs say of the Migrator's transactions. */
export interface MikroOrmMigrator {
  /** Every pending migration in one transaction: allOrNothing and transactional on (the defaults). */
  batch: boolean;
  /** What was read, or could not be, in a sentence each. */
  notes: string[];
}

/** The value written for `name:` in `src` (comments aside): true, false, other text, or absent. */
function setting(src: string, name: string): boolean | string | undefined {
  const bare = src.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
  const m = new RegExp(`\\b${name}\\s*:\\s*([^,}\\n]+)`).exec(bare);
  if (!m) return undefined;
  const v = (m[1] as string).trim();
  return v === 'true' ? true : v === 'false' ? false : v.slice(0, 40);
}

/** Reads the MikroORM config files of `repo` for the Migrator's `transactional` and `allOrNothing`. */
export function mikroOrmMigrator(repo: RepoView): MikroOrmMigrator {
  const notes: string[] = [];
  let batch = true;
  const configs = repo.listFiles().filter((p) => CONFIG.test(p) && !p.includes('node_modules/'));
  for (const path of configs) {
    const src = repo.readFile(path);
    if (src === undefined || src.length > LIMITS.jsConfig.chars) {
      notes.push(
        `MikroORM: ${path} not read (too large or unreadable); its Migrator settings are taken as MikroORM's defaults`,
      );
      continue;
    }
    for (const name of ['transactional', 'allOrNothing']) {
      const said = setting(src, name);
      if (said === false) {
        batch = false;
        notes.push(
          `MikroORM: ${path} sets \`${name}: false\`: pending migrations are not read as one transaction${name === 'transactional' ? ', and each migration is still read as in a transaction of its own, which it is not (the per-file rules do not model this setting)' : ''}`,
        );
      } else if (typeof said === 'string')
        notes.push(
          `MikroORM: ${path} sets \`${name}: ${said}\`, which Slipway does not read: taken as MikroORM's default (on)`,
        );
    }
  }
  if (batch)
    notes.push(
      `MikroORM: the Migrator is read with ${configs.length > 0 ? `${configs.join(', ')} and ` : ''}its defaults, \`transactional\` and \`allOrNothing\` on: the pending migrations of a folder run in one transaction; a setting made elsewhere (a config built at run time, MIKRO_ORM_MIGRATIONS_ALL_OR_NOTHING) is not read`,
    );
  return { batch, notes };
}
