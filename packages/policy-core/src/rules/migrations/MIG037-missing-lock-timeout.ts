import { findingOf } from '../../rule.js';
import type { Finding, Fix } from '../../finding.js';
import { BLOCKS_WRITES, type LockMode, lockBlocks } from '../../migrations/lock-facts.js';
import { lockModeOf, lockModeSql } from '../../migrations/lock-mode.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import { forwardOps } from '../../migrations/sql-file.js';
import { prismaSplitsEverywhere } from '../../migrations/prisma-script.js';
import { CreatedTables } from './facts/created-tables.js';
import { withNewGuardedTables } from './facts/new-guarded-tables.js';
import { envTimeout } from './facts/env-timeout.js';
import { djangoSettingsTimeout } from './facts/django-settings-timeout.js';
import {
  allowHint,
  type MigFacts,
  type MigHistoryRule,
  type MigrationFile,
  opFile,
  quote,
  loadRelated,
} from './facts/mig-facts.js';
import { type InForce, timeoutAtEach } from './facts/timeout-in-force.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs } from './facts/lock-docs.js';
import { concurrentlyFix } from './facts/concurrently-fix.js';
import {
  alembicLockTimeoutFix,
  djangoLockTimeoutFix,
  envLockTimeoutFix,
  sqlLockTimeoutFix,
} from './facts/lock-timeout-fix.js';

/** Why a SET LOCAL lock_timeout written before the statement does not guard it, or ''. */
function localNote(timeout: InForce): string {
  if (timeout.ignoredLocal)
    return ` (the SET LOCAL on line ${timeout.ignoredLocal.range.start.line + 1} runs outside a transaction, where PostgreSQL ignores it: use SET, or put it in the transaction)`;
  if (timeout.endedLocal)
    return ` (the SET LOCAL on line ${timeout.endedLocal.range.start.line + 1} ended with its transaction: use SET)`;
  return '';
}

/** The fixes found, without the places none was certain. */
const fixesOf = (...fixes: (Fix | undefined)[]): Fix[] => fixes.filter((f): f is Fix => f !== undefined);

/** `an ACCESS EXCLUSIVE`, `a SHARE`: the lock mode with its article. */
const anOrA = (mode: string): string => `${/^[AEIOU]/.test(mode) ? 'an' : 'a'} ${mode}`;

/** The table a message names: DROP INDEX names only the index, whose table the SQL does not say. */
function lockedTable(op: SchemaOp, table: string | undefined): string {
  if (table === undefined && op.kind === 'drop_index' && op.index !== undefined)
    return `the table of index "${op.index}"`;
  return quote(table);
}

/** One statement that would queue with no lock_timeout, and the first existing table it locks. */
interface Unguarded {
  op: SchemaOp;
  table: string | undefined;
  mode: LockMode;
  /** The lock_timeout as it stood: a SET LOCAL ignored outside a transaction or ended with it. */
  timeout: InForce;
}

/**
 * The statements of a file that take a lock blocking writers on a table that existed before it
 * (tables it created are exempt) while no lock_timeout is in force: ALTER and DROP (ACCESS
 * EXCLUSIVE), CREATE INDEX (SHARE), a foreign key (SHARE ROW EXCLUSIVE on both tables), CREATE
 * TABLE ... REFERENCES an existing table (SHARE ROW EXCLUSIVE on that one).
 */
function unguarded(facts: MigFacts, asWritten: MigrationFile, path: string): Unguarded[] {
  // A table made IF NOT EXISTS that the history says is new is exempt too.
  const file = withNewGuardedTables(facts, asWritten, path);
  const created = new CreatedTables();
  const out: Unguarded[] = [];
  for (const { op, timeout } of timeoutAtEach(file, 'set_lock_timeout', { on: false }, path)) {
    const on = timeout.on;
    if (created.note(op)) {
      const table = on ? undefined : op.references?.find((t) => created.nameExisted(t));
      if (table !== undefined) out.push({ op, table, mode: 'ShareRowExclusiveLock', timeout });
      continue;
    }
    const mode = lockModeOf(op);
    if (on || mode === undefined || !BLOCKS_WRITES.includes(mode)) continue;
    if (created.existed(op.table, op.schema)) out.push({ op, table: op.table, mode, timeout });
    else if (op.lock?.otherTable !== undefined && created.nameExisted(op.lock.otherTable))
      out.push({ op, table: op.lock.otherTable, mode, timeout });
  }
  return out;
}

/** The file's Prisma runs a migration.sql statement by statement wherever it applies it (prisma-script.ts). */
function splitsEverywhere(ops: readonly SchemaOp[]): boolean {
  const sends = ops[0]?.prisma;
  return sends !== undefined && prismaSplitsEverywhere(sends);
}

/** A plain CREATE INDEX that is all the file runs forward: MIG020 asks for it CONCURRENTLY, alone as it is. */
function loneIndexBuild(op: SchemaOp, ops: readonly SchemaOp[]): boolean {
  const forward = forwardOps(ops);
  return op.kind === 'create_index' && op.concurrently !== true && forward.length === 1 && forward[0] === op;
}

const ENV_FIX =
  'set it once for every migration in env.py (`connection.execute(text("SET lock_timeout = \'5s\'"))` before `context.run_migrations()`)';

/** MIG037: DDL taking ACCESS EXCLUSIVE with no lock_timeout in force. */
export const missingLockTimeout: MigHistoryRule = {
  id: 'MIG037',
  name: 'missing-lock-timeout',
  family: 'MIG',
  dialects: ['postgresql'],
  facts: 'migration-history',
  defaultSeverity: 'warning',
  trace: 'blocks-writes',
  title: 'DDL that blocks writes, without lock_timeout',
  docs: {
    what:
      'A migration statement that takes a lock blocking writes on a table that existed before it — ' +
      'ACCESS EXCLUSIVE (ALTER TABLE, DROP, RENAME, TRUNCATE, DROP INDEX, ...), SHARE (CREATE INDEX ' +
      'without CONCURRENTLY), SHARE ROW EXCLUSIVE (a foreign key, on both tables; CREATE TABLE ... ' +
      'REFERENCES an existing table, on that one) — while no `lock_timeout` is in force: not set ' +
      "earlier in the file (`SET lock_timeout = '5s'`, in SQL, `op.execute` or Django's `RunSQL`), nor, for Alembic, in " +
      "`env.py`, nor, for Django, in the settings (`settings.py` or a `settings/` module other than tests' and local ones: " +
      '`"OPTIONS": {"options": "-c lock_timeout=5000"}`). A `SET LOCAL` (or `set_config(..., true)`) guards only what runs ' +
      'before its transaction ends, and outside a transaction PostgreSQL ignores it ([SET](https://www.postgresql.org/docs/current/sql-set.html)): ' +
      'the message says which. Reported once per file, on the first such statement. Tables created in the same ' +
      'migration are exempt (one made with CREATE TABLE IF NOT EXISTS too, when no migration before it made or used the table: then the CREATE makes it; one that existed, or whose past is not known, is judged as existing), and so is a file that only creates new objects.',
    why:
      'The statement queues behind any long-running transaction on the table, and while it waits every ' +
      'statement that needs a conflicting lock queues behind it: for ACCESS EXCLUSIVE every read and ' +
      'write, for the others every INSERT, UPDATE and DELETE. One slow report turns a millisecond ' +
      'migration into an outage. A lock_timeout makes the migration give up (and be retried) instead.',
    fix:
      'Alembic: set it once for all migrations in env.py, e.g. `connection.execute(text("SET ' +
      'lock_timeout = \'5s\'"))` before `context.run_migrations()`, or `connect_args={"options": "-c ' +
      'lock_timeout=5000"}`; or `op.execute("SET lock_timeout = \'5s\'")` at the top of `upgrade()`. ' +
      "SQL: `SET lock_timeout = '5s';` before the first DDL. Django: in the database's settings (a module production loads: the one manage.py, " +
      'wsgi.py or asgi.py names as DJANGO_SETTINGS_MODULE, or where none does a lone settings.py or a production one, or one those import; a lock_timeout ' +
      'set only in another module is named in the finding, not trusted), ' +
      '`"OPTIONS": {"options": "-c lock_timeout=5000"}`, or `migrations.RunSQL("SET lock_timeout = \'5s\'")` first in `operations`. ' +
      "The finding carries the fix, which `slipway check --fix` applies and the editor offers: in SQL, `SET lock_timeout = '5s';` on its own " +
      'line before the statement (under goose, before the `-- +goose StatementBegin` block that holds it); in an Alembic revision, ' +
      '`op.execute("SET lock_timeout = \'5s\'")` as the first statement of `upgrade()` (after its docstring), and, only in the editor, ' +
      '`context.execute("SET lock_timeout = \'5s\'")` before each `context.run_migrations()` of a readable env.py; in a Django migration, ' +
      '`migrations.RunSQL("SET lock_timeout = \'5s\'", migrations.RunSQL.noop)` as the first element of its `operations` list. ' +
      'No fix where the place is not certain: a statement that starts mid-line or comes from an included file, a Drizzle migration, ' +
      "a CREATE INDEX that MIG020's fix builds CONCURRENTLY (which blocks no writer; a SET sent with it would put it back in a transaction), " +
      'a Prisma migration.sql holding a CONCURRENTLY statement or a CREATE INDEX alone, unless the Prisma that applies it is 7.8.0 or ' +
      "later (before, Prisma sends the file as one query in deploy or in `migrate dev`'s shadow database: a SET beside " +
      'the CONCURRENTLY build MIG020 asks for would put both in one transaction, where PostgreSQL refuses it; MIG021 says how the ' +
      'version is read), ' +
      'an `upgrade()` defined more than once or with its body on the `def` line, a revision that does not import `op` from alembic, ' +
      'a Django `operations` that is not one literal list with its first element on a line of its own, and Knex, TypeORM, Sequelize ' +
      'and Kysely migrations.',
    suppress: suppressDocs('MIG037'),
    examples: [
      migrationExample('flagged', 'no_timeout', 'op.add_column("users", sa.Column("bio", sa.Text()))'),
      migrationExample(
        'fine',
        'timeout',
        'op.execute("SET lock_timeout = \'5s\'")\nop.add_column("users", sa.Column("bio", sa.Text()))',
      ),
      sqlExample('flagged', 'no_timeout', 'ALTER TABLE users ADD COLUMN bio text;'),
      sqlExample('fine', 'timeout', "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN bio text;"),
    ],
  },
  check(facts) {
    const out: Finding[] = [];
    const repo = facts.ctx.repo;
    // The fixes are worked out only for a file that has a finding, from its text as read now.
    const report = (path: string, found: Unguarded[], extra: string, fixes?: (first: Unguarded) => Fix[]) => {
      const first = found[0];
      if (!first) return;
      const { op, table, mode, timeout } = first;
      const more =
        found.length > 1
          ? ` (and ${found.length - 1} more statement${found.length > 2 ? 's' : ''} after it)`
          : '';
      const at = opFile(op, path);
      const finding = findingOf(
        this,
        at,
        op.range,
        `${op.label} takes ${anOrA(lockModeSql(mode))} lock on ${lockedTable(op, table)}${more} with no lock_timeout in force${localNote(timeout)}: queued behind one slow query it blocks ${lockBlocks(mode)}; ${extra} (or ${allowHint(at, 'MIG037')}).`,
        loadRelated(op),
      );
      const offered = fixes?.(first) ?? [];
      if (offered.length > 0) finding.fixes = offered;
      out.push(finding);
    };
    const textOf = (path: string) => repo.readFile(path);
    for (const { tree, module } of facts.reportModules) {
      // A Django project sets it for every connection in its settings: then no migration needs its own.
      if (module.django) {
        const settings = djangoSettingsTimeout(facts);
        if (settings?.loaded) continue;
        // Set in a module production may not load (settings/staging.py): said, not taken on trust.
        const where = settings
          ? `${settings.path} sets it (line ${settings.setAt.start.line + 1}), but production may not load that module (it is not the DJANGO_SETTINGS_MODULE manage.py, wsgi.py or asgi.py names, nor, where none does, a lone settings.py or a production module, nor imported by one): set it in DATABASES' OPTIONS of the settings production loads`
          : `set it for every connection in DATABASES' OPTIONS`;
        report(
          module.path,
          unguarded(facts, { kind: 'module', module }, module.path),
          `${where} (\`"options": "-c lock_timeout=5000"\`), or put migrations.RunSQL("SET lock_timeout = '5s'") first in operations`,
          ({ op }) => {
            const text = textOf(module.path);
            // MIG020's fix (AddIndexConcurrently, atomic = False) runs the build outside a
            // transaction, where a lock_timeout set before it would fail the build as it waits for
            // older transactions, leaving an INVALID index behind: not offered beside it.
            if (concurrentlyFix(op, { kind: 'module', module, source: { text: () => text } })) return [];
            return fixesOf(text === undefined ? undefined : djangoLockTimeoutFix(module.path, text));
          },
        );
        continue;
      }
      // Knex and TypeORM: the pool's connection settings (knexfile, DataSource) are not read.
      if (module.js) {
        report(
          module.path,
          unguarded(facts, { kind: 'module', module }, module.path),
          module.js === 'knex'
            ? `set it for every connection (knexfile \`pool: { afterCreate }\` running SET lock_timeout), or put knex.raw("SET lock_timeout = '5s'") first in up`
            : module.js === 'mikro_orm'
              ? `set it for every connection (the database role's \`ALTER ROLE ... SET lock_timeout\`, or the pg connection's \`options: "-c lock_timeout=5000"\` through MikroORM's \`driverOptions\`), or put this.addSql("SET lock_timeout = '5s'") first in up`
              : module.js === 'kysely'
                ? `set it for every connection (the pg Pool's \`options: "-c lock_timeout=5000"\`), or put await sql\`SET lock_timeout = '5s'\`.execute(db) first in up`
                : module.js === 'sequelize'
                  ? `set it for every connection (the config's \`dialectOptions: { options: "-c lock_timeout=5000" }\`), or put queryInterface.sequelize.query("SET lock_timeout = '5s'") first in up, in the same transaction as what it guards`
                  : `set it for every connection (the DataSource's \`extra: { options: "-c lock_timeout=5000" }\`), or put queryRunner.query("SET lock_timeout = '5s'") first in up`,
        );
        continue;
      }
      const env = envTimeout(facts, tree);
      if (env?.setAt) continue;
      const note = env?.syntaxError
        ? `${env.path} does not parse (line ${env.syntaxError.range.start.line + 1}: ${env.syntaxError.value}), so a lock_timeout set there is not known to run; fix it, or `
        : '';
      report(
        module.path,
        unguarded(facts, { kind: 'module', module }, module.path),
        `${note}${ENV_FIX}, or op.execute("SET lock_timeout = '5s'") first in upgrade()`,
        () => {
          const text = textOf(module.path);
          // env.py only where it exists, is readable and parses: a choice, after the certain one.
          const envText = env && !env.syntaxError ? textOf(env.path) : undefined;
          return fixesOf(
            text === undefined ? undefined : alembicLockTimeoutFix(module.path, text, module),
            env && envText !== undefined ? envLockTimeoutFix(env.path, envText) : undefined,
          );
        },
      );
    }
    const runner = facts.analysis.sqlRunner;
    for (const file of facts.reportSqlFiles) {
      const found = unguarded(facts, { kind: 'sql', file }, file.path);
      // A Prisma that runs a migration.sql statement by statement (7.8.0 and later, deploy and
      // migrate dev alike) runs a SET beside a CONCURRENTLY build as a query of its own.
      const prismaWraps = runner === 'prisma' && !splitsEverywhere(file.ops);
      const prismaIndex = prismaWraps && found[0] !== undefined && loneIndexBuild(found[0].op, file.ops);
      report(
        file.path,
        found,
        prismaIndex
          ? "build it CONCURRENTLY instead, still alone in its migration.sql (MIG020): Prisma sends a file of one statement outside any transaction, and a SET lock_timeout beside it would put both in one, where PostgreSQL refuses CONCURRENTLY; or, kept as a plain CREATE INDEX, add SET lock_timeout = '5s'; before it"
          : "add SET lock_timeout = '5s'; before it",
        ({ op }) => {
          const text = textOf(file.path);
          // MIG020's fix (CONCURRENTLY, alone in the file) blocks no writer: a SET beside it would
          // put the build in one query string with it, which PostgreSQL runs as a transaction.
          if (concurrentlyFix(op, { kind: 'sql', file, source: { text: () => text, runner } })) return [];
          // The same under Prisma, which sends a migration.sql as one query: no SET beside an index
          // build MIG020 asks to make CONCURRENTLY, nor in a file that holds a CONCURRENTLY statement.
          if (prismaWraps && (prismaIndex || forwardOps(file.ops).some((o) => o.concurrently === true)))
            return [];
          return fixesOf(text === undefined ? undefined : sqlLockTimeoutFix(file.path, text, op, runner));
        },
      );
    }
    return out;
  },
};
