import { findingOf } from '../../rule.js';
import type { Finding, RelatedLocation } from '../../finding.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import { CreatedTables } from './facts/created-tables.js';
import { withNewGuardedTables } from './facts/new-guarded-tables.js';
import { formatTimeout, timeoutMs } from '../../postgres-time.js';
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
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs } from './facts/lock-docs.js';
import { rowWork } from './facts/row-work.js';
import { type InForce, timeoutAtEach } from './facts/timeout-in-force.js';

/** A long statement the policy's statement_timeout does not bound, and the timeout it runs under. */
interface Unbounded {
  op: SchemaOp;
  table: string | undefined;
  work: string;
  timeout: InForce;
}

/**
 * The long statements of a migration (rowWork: scans, rewrites, index builds, a copy, an UPDATE
 * or DELETE of every row) on a table that existed before it, run with no statement_timeout or,
 * where the policy sets a maximum, one above it. Tables the migration created are exempt: they are
 * empty. An UPDATE or DELETE with a WHERE is not judged: how long it runs depends on the rows it
 * matches, which the file does not say.
 */
function unbounded(
  facts: MigFacts,
  asWritten: MigrationFile,
  start: InForce,
  max: number | undefined,
  path: string,
): Unbounded[] {
  // A table made IF NOT EXISTS that the history says is new is exempt too.
  const file = withNewGuardedTables(facts, asWritten, path);
  const created = new CreatedTables();
  const out: Unbounded[] = [];
  for (const { op, timeout } of timeoutAtEach(file, 'set_statement_timeout', start, path)) {
    if (created.note(op)) continue;
    if ((op.kind === 'update' || op.kind === 'delete') && op.hasWhere) continue;
    const source = op.copiedFrom ?? op;
    const work = rowWork(op);
    if (work === undefined || !created.existed(source.table, source.schema)) continue;
    const bounded = timeout.on && (max === undefined || (timeout.ms !== undefined && timeout.ms <= max));
    if (!bounded) out.push({ op, table: source.table, work, timeout });
  }
  return out;
}

/** Why the timeout in force does not do: none, turned off, above the maximum, or not a time. */
function whatIsWrong(timeout: InForce, path: string): string {
  const ignored = timeout.ignoredLocal;
  if (!timeout.on && ignored)
    return `with no statement_timeout in force (the SET LOCAL on line ${ignored.range.start.line + 1} runs outside a transaction, where PostgreSQL ignores it: use SET, or put it in the transaction)`;
  const ended = timeout.endedLocal;
  if (!timeout.on && ended)
    return `with no statement_timeout in force (the SET LOCAL on line ${ended.range.start.line + 1} ended with its transaction: use SET)`;
  if (!timeout.on)
    return timeout.at
      ? 'with statement_timeout turned off (0, RESET or DEFAULT)'
      : 'with no statement_timeout in force';
  // Set for every connection elsewhere (env.py, settings): the message says where.
  const where = timeout.at && timeout.at.file !== path ? ` (set in ${timeout.at.file})` : '';
  return timeout.ms === undefined
    ? 'under a statement_timeout whose value is not a literal time (the maximum cannot be checked)'
    : `under statement_timeout ${formatTimeout(timeout.ms)}${where}`;
}

/** What a CONCURRENTLY build or rebuild leaves when a timeout ends it. */
const INVALID_INDEX =
  'a timeout that ends it leaves an INVALID index behind: size the timeout for the build, and DROP INDEX CONCURRENTLY the invalid index before running it again';

/** MIG046: a long statement with no statement_timeout (or one above the policy's maximum). */
export const missingStatementTimeout: MigHistoryRule = {
  id: 'MIG046',
  name: 'missing-statement-timeout',
  family: 'MIG',
  dialects: ['postgresql'],
  facts: 'migration-history',
  defaultSeverity: 'warning',
  trace: 'not-a-lock',
  title: 'long operation without the statement_timeout the policy asks for',
  docs: {
    what:
      'Only where the policy asks for it (`migrations.statement_timeout: required`, or a maximum such as ' +
      '`migrations.statement_timeout: 15min`): a migration statement that works through the rows of a table ' +
      'that existed before it — CREATE INDEX (CONCURRENTLY too), REINDEX, VALIDATE CONSTRAINT, SET NOT NULL, a ' +
      'constraint added without NOT VALID, a table rewrite (a type change, a volatile default, VACUUM FULL, ' +
      'CLUSTER), REFRESH MATERIALIZED VIEW, a copy with INSERT ... SELECT, an UPDATE or DELETE without WHERE — ' +
      'while no `statement_timeout` is in force: not set earlier in the file (`SET statement_timeout = ' +
      "'15min'`, `SET LOCAL`, `set_config`, in SQL, `op.execute` or Django's `RunSQL`), nor, for Alembic, in " +
      '`env.py`, nor, for Django, in the settings production loads (`"OPTIONS": {"options": "-c ' +
      'statement_timeout=900000"}`), read as MIG037 reads `lock_timeout`. Set to 0, RESET or DEFAULT, it counts ' +
      'as none. A `SET LOCAL` (or `set_config(..., true)`) lasts only until its transaction ends, and outside one ' +
      'PostgreSQL ignores it ([SET](https://www.postgresql.org/docs/current/sql-set.html)): the transactions are ' +
      "those MIG044 reads (Alembic's around `upgrade()` but for `autocommit_block()`, a Django migration's, " +
      'BEGIN ... COMMIT, a runner that wraps a .sql file). With a maximum, a timeout above it is reported too, and so is one whose value is not a literal ' +
      'time. Reported once per file, on the first such statement. Tables created in the same migration are ' +
      'exempt (they are empty) (one made with CREATE TABLE IF NOT EXISTS too, when no migration before it made or used the table: then the CREATE makes it; one that existed, or whose past is not known, is judged as existing), and so is an UPDATE or DELETE with a WHERE (how many rows it touches is not ' +
      'in the file). Without the policy key the rule says nothing.',
    why:
      'A statement that scans or rewrites a big table can run for hours, holding its lock all the while ' +
      '(SHARE for an index build: no writes; ACCESS EXCLUSIVE for a rewrite: nothing), and a deploy waits on ' +
      "it with no end in sight. `statement_timeout` aborts any statement that runs longer (PostgreSQL's " +
      '[client connection defaults](https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-STATEMENT-TIMEOUT): ' +
      "measured from the statement's arrival, 0 turns it off), so the migration fails fast and is planned " +
      'again instead. CONCURRENTLY: a build or REINDEX CONCURRENTLY that a timeout ends fails but leaves an ' +
      'INVALID index behind ([CREATE INDEX, Building Indexes Concurrently](https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY)), ' +
      'which costs every write and serves no read; the rule still asks for a timeout there (an unbounded ' +
      'concurrent build blocks other DDL and VACUUM on the table for as long as it runs), and the message ' +
      'says what to do after one fires. lock_timeout (MIG037) bounds the wait for a lock, not the work ' +
      'done once it is held: a team that wants both sets both.',
    fix:
      "SQL: `SET statement_timeout = '15min';` before the statement (sized for the table, at most the policy's " +
      'maximum). Alembic: `op.execute("SET statement_timeout = \'15min\'")` before it, or once for every migration ' +
      'in env.py (`connection.execute(text("SET statement_timeout = \'15min\'"))`, or `connect_args={"options": ' +
      '"-c statement_timeout=900000"}`). Django: `"OPTIONS": {"options": "-c statement_timeout=900000"}` in the ' +
      "database's settings, or `migrations.RunSQL(\"SET statement_timeout = '15min'\")` before the operation. " +
      "Knex, TypeORM, Sequelize, Kysely, MikroORM: run the SET before it (their pool's settings are not read). A CONCURRENTLY build " +
      'a timeout ended leaves an INVALID index: `DROP INDEX CONCURRENTLY` it (find it with `SELECT indexrelid::regclass ' +
      'FROM pg_index WHERE NOT indisvalid`) before running the migration again, or the rerun stops at "already exists" ' +
      '(or, with IF NOT EXISTS, keeps the invalid one). No quick fix: the value is a choice about the table.',
    suppress: suppressDocs('MIG046'),
    examples: [
      {
        ...sqlExample(
          'flagged',
          'no_statement_timeout',
          "SET lock_timeout = '5s';\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;",
        ),
        beside: { 'slipway.yaml': policyWith('sql: ["db/migrations/**/*.sql"]', 'required') },
      },
      {
        ...sqlExample(
          'fine',
          'statement_timeout',
          "SET lock_timeout = '5s';\nSET statement_timeout = '15min';\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;",
        ),
        beside: { 'slipway.yaml': policyWith('sql: ["db/migrations/**/*.sql"]', '30min') },
      },
      {
        ...migrationExample(
          'flagged',
          'statement_timeout_too_long',
          'op.execute("SET statement_timeout = \'2h\'")\n' +
            'with op.get_context().autocommit_block():\n' +
            '    op.create_index("ix_orders_region", "orders", ["region"], postgresql_concurrently=True)',
        ),
        beside: { 'slipway.yaml': policyWith('alembic: alembic/versions', '30min') },
      },
    ],
  },
  check(facts) {
    const setting = facts.section.statement_timeout;
    if (setting === undefined) return [];
    const max = setting === 'required' ? undefined : timeoutMs(setting);
    // What the hints suggest: 15 minutes, or the policy's maximum when that is shorter.
    const suggestedMs = max !== undefined && max < 900_000 ? max : 900_000;
    const suggested = formatTimeout(suggestedMs);
    const asked =
      max === undefined ? 'a statement_timeout' : `a statement_timeout of at most ${formatTimeout(max)}`;
    const out: Finding[] = [];
    const report = (path: string, found: Unbounded[], hint: string) => {
      const first = found[0];
      if (!first) return;
      const { op, table, work, timeout } = first;
      const more =
        found.length > 1
          ? ` (and ${found.length - 1} more statement${found.length > 2 ? 's' : ''} after it)`
          : '';
      const concurrently = op.concurrently === true ? `; ${INVALID_INDEX}` : '';
      const at = opFile(op, path);
      const related = [...(loadRelated(op) ?? []), ...(timeout.at ? [timeout.at] : [])];
      out.push(
        findingOf(
          this,
          at,
          op.range,
          `${op.label} ${work} on ${quote(table)}${more} ${whatIsWrong(timeout, at)}: it can run as long as the table is big, holding its lock, and the policy (migrations.statement_timeout: ${setting}) asks for ${asked}; ${hint}${concurrently} (or ${allowHint(at, 'MIG046')}).`,
          related.length > 0 ? related : undefined,
        ),
      );
    };
    const sql = `SET statement_timeout = '${suggested}'`;
    for (const { tree, module } of facts.reportModules) {
      const asFile: MigrationFile = { kind: 'module', module };
      if (module.django) {
        const settings = djangoSettingsTimeout(facts, 'statement_timeout');
        const start = settings?.loaded
          ? fromModule(settings.path, settings.setAt, settings.ms)
          : { on: false };
        const unloaded =
          settings && !settings.loaded
            ? `${settings.path} sets it, but production may not load that module; `
            : '';
        report(
          module.path,
          unbounded(facts, asFile, start, max, module.path),
          `${unloaded}set it in DATABASES' OPTIONS (\`"options": "-c statement_timeout=${suggestedMs}"\`), or put migrations.RunSQL("${sql}") before it`,
        );
        continue;
      }
      if (module.js) {
        report(
          module.path,
          unbounded(facts, asFile, { on: false }, max, module.path),
          `run "${sql}" before it`,
        );
        continue;
      }
      const env = envTimeout(facts, tree, 'statement_timeout');
      const start = env?.setAt ? fromModule(env.path, env.setAt, env.ms) : { on: false };
      const note = env?.syntaxError
        ? `${env.path} does not parse, so a statement_timeout set there is not known to run; `
        : '';
      report(
        module.path,
        unbounded(facts, asFile, start, max, module.path),
        `${note}put op.execute("${sql}") before it, or set it for every migration in env.py`,
      );
    }
    for (const file of facts.reportSqlFiles)
      report(
        file.path,
        unbounded(facts, { kind: 'sql', file }, { on: false }, max, file.path),
        `add ${sql}; before it`,
      );
    return out;
  },
};

/** The timeout a module sets for every connection (env.py, Django settings), as the walk starts with. */
function fromModule(path: string, range: RelatedLocation['range'], ms: number | undefined): InForce {
  return {
    on: true,
    ...(ms !== undefined ? { ms } : {}),
    at: { file: path, range, message: `statement_timeout set for every migration here (${path})` },
  };
}

/** The policy of an example: its migrations, and the statement_timeout the policy asks for. */
function policyWith(tree: string, statementTimeout: string): string {
  return `version: 1\nmigrations:\n  ${tree}\n  statement_timeout: ${statementTimeout}\n`;
}
