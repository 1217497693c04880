import type { Finding } from '../finding.js';
import type { MigrationModule } from './alembic-module.js';
import type { SchemaOp } from './schema-op.js';

/**
 * What one .sql migration file yields that depends on its text alone: its ops (what every MIG
 * rule reads) and the findings of the per-file rules (`facts: 'migration-file'`, which read
 * nothing but the file). Cross-file rules (lock_timeout in force, a table created earlier in the
 * same migration, revision order, MIG121), suppressions, severities and `--rule` filters are
 * never part of it: they run on every check, over these ops.
 */
export interface SqlFileResults {
  ops: SchemaOp[];
  /** Absent while the file was only read, not judged (outside a change's scope). */
  findings?: Finding[];
}

/**
 * A store of SqlFileResults that outlives one check (the CLI's result cache, kept in the git
 * directory): keyed by the file's path and text, so that an edited file is a miss. The host owns
 * it and answers only for results it can vouch for (its own, authenticated); the analyzer asks
 * before parsing and hands it what it computed with the SQL parser loaded.
 */
export interface SqlResultStore {
  get(path: string, text: string): SqlFileResults | undefined;
  put(path: string, text: string, results: SqlFileResults): void;
  /**
   * The same for a migration module (an Alembic version file, a Django migration, a JS/TS tool's
   * file): what its reader made of it, plain data. `key` names the reader and the file
   * (`js:sequelize:db/migrations/x.js`); `text` is the file's text and everything else the
   * reader's answer depends on (what its imports give it, a knexfile's settings), so that a
   * change to either is a miss. A store may keep SQL results alone.
   */
  getModule?(key: string, text: string): MigrationModule | undefined;
  putModule?(key: string, text: string, module: MigrationModule): void;
}
