import type { MigrationModule } from '../migrations/alembic-module.js';
import { jsToolName } from '../migrations/js-module.js';
import type { SchemaOp } from '../migrations/schema-op.js';
import type { NotTraced, PlannedStatement } from './plan-types.js';
import { sqlStatements } from './sql-statements.js';

/**
 * A Knex, TypeORM, Sequelize or Kysely migration's `up`, as trace runs it: each literal SQL text
 * it runs (`queryRunner.query("…")`, `knex.raw(…)`, `sequelize.query(…)`, Kysely's `sql`…`) as
 * written, at the line of its call, outside a transaction where the migration runs outside one;
 * each builder call (`knex.schema.dropTable`, `queryRunner.addColumn`, …) listed as not traced,
 * by its tool: Slipway reads what they do for the MIG rules but does not render them to SQL. What
 * the file's reading already could not follow is listed too. TypeORM's generated migrations are
 * raw SQL throughout, so they run whole.
 */
export function renderJsMigration(
  file: string,
  module: MigrationModule,
): { statements: PlannedStatement[]; notTraced: NotTraced[] } {
  const statements: PlannedStatement[] = [];
  const notTraced: NotTraced[] = [];
  const tool = jsToolName(module.js ?? 'knex');
  if (module.syntaxError && !module.parseRecovered)
    return {
      statements,
      notTraced: [{ file, line: module.syntaxError.range.start.line + 1, reason: module.syntaxError.value }],
    };
  const ops = module.upgrade?.ops ?? [];
  const texts = new Map((module.jsSql ?? []).map((t) => [t.at, t]));
  let lastCall: string | undefined;
  for (let i = 0; i < ops.length; ) {
    const text = texts.get(i);
    if (text) {
      const r = sqlStatements(file, text.sql, text.line, text.autocommit);
      statements.push(...r.statements);
      notTraced.push(...r.notTraced);
      i += text.count;
      lastCall = undefined;
      continue;
    }
    const op = ops[i++] as SchemaOp;
    const line = op.range.start.line + 1;
    if (op.kind === 'unread_sql') {
      notTraced.push({
        file,
        line,
        reason: op.reason ?? 'SQL Slipway cannot read',
        cause: 'SQL Slipway cannot read',
      });
      continue;
    }
    // One builder call can be several steps on its line (a table and its indexes): listed once.
    const call = String(line);
    const makes = namesMade(op);
    if (call === lastCall) {
      const last = notTraced[notTraced.length - 1];
      if (last && makes.length > 0) last.makes = [...(last.makes ?? []), ...makes];
      continue;
    }
    lastCall = call;
    notTraced.push({
      file,
      line,
      reason: `a ${tool} builder call (${op.label}): trace does not render ${tool}'s builders to SQL`,
      cause: `${tool} builder calls: trace does not render them to SQL`,
      ...(makes.length > 0 ? { makes } : {}),
    });
  }
  for (const u of module.upgrade?.unfollowed ?? [])
    notTraced.push({
      file,
      line: u.range.start.line + 1,
      reason: `${u.what}: \`${u.construct}\``,
      cause: 'code Slipway does not follow',
    });
  return { statements, notTraced };
}

/** What a builder step would have made, named as entity-names.ts names it. */
function namesMade(op: SchemaOp): string[] {
  const table = op.table === undefined ? undefined : op.schema ? `${op.schema}.${op.table}` : op.table;
  if (op.kind === 'create_table' && table) return [table];
  if (op.kind === 'add_column' && table && op.column) return [`${table}.${op.column}`];
  if (op.kind === 'create_index' && op.index) return [op.index];
  if (op.kind === 'rename_table' && op.newName) return [op.newName];
  return [];
}
