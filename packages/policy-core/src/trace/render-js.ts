import type { MigrationModule } from '../migrations/alembic-module.js';
import { jsToolName } from '../migrations/js-walk.js';
import type { SchemaOp } from '../migrations/schema-op.js';
import type { JsBuilderCall, JsBuilderStep, ReplayValue } from '../migrations/js-builder-call.js';
import type { Position, Range } from '../finding.js';
import type {
  JsBuilderRenderer,
  JsChainRenderer,
  JsRenderers,
  NotTraced,
  PlannedStatement,
} from './plan-types.js';
import { sqlStatements } from './sql-statements.js';

/**
 * A Knex, TypeORM, Sequelize, Kysely or MikroORM migration's `up`, as trace runs it: each literal SQL text
 * it runs (`queryRunner.query("…")`, `knex.raw(…)`, `sequelize.query(…)`, Kysely's `sql`…`) as
 * written, at the line of its call, outside a transaction where the migration runs outside one.
 * A Knex or Kysely schema call whose arguments are all known runs as the SQL the tool itself
 * renders for it (`renderers.knex`, `renderers.kysely`, the CLI's: the call replayed on the tool's
 * builders, never the migration's code). Every other builder call (`queryRunner.addColumn`, a Knex
 * call with a variable argument, …) is
 * listed as not traced, by its tool and why. What the file's reading already could not follow is
 * listed too. TypeORM's generated migrations are raw SQL throughout, so they run whole.
 */
export function renderJsMigration(
  file: string,
  module: MigrationModule,
  renderers: JsRenderers = {},
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
  const calls = builderCalls(module, renderers);
  // Knex and Kysely have renderers: their builder calls say why they were not rendered.
  const rendered = module.js === 'knex' || module.js === 'kysely' ? module.js : undefined;
  let next = 0;
  // Each rendered call runs where it is written: before the first step read at or after its start.
  const runCallsBefore = (at: Position | undefined) => {
    for (; next < calls.length; next++) {
      const c = calls[next] as RenderedCall;
      if (at && after(c.call.range.start, at)) return;
      if (!('sql' in c.out)) continue;
      for (const { sql, line } of c.out.sql) {
        const r = sqlStatements(file, sql, line, c.call.autocommit);
        statements.push(...r.statements);
        notTraced.push(...r.notTraced);
      }
    }
  };
  const callOf = (at: Position) => calls.find((c) => within(at, c.call.range));
  let lastCall: string | undefined;
  for (let i = 0; i < ops.length; ) {
    runCallsBefore((ops[i] as SchemaOp).range.start);
    const text = texts.get(i);
    if (text) {
      // `knex.schema.raw(…)` inside a chain Knex rendered ran with it, in its place.
      const within = callOf((ops[i] as SchemaOp).range.start);
      if (within && 'sql' in within.out) {
        i += text.count;
        continue;
      }
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
    const call = callOf(op.range.start);
    if (call && 'sql' in call.out) continue;
    // One builder call can be several steps on its line (a table and its indexes): listed once.
    const key = String(line);
    const makes = namesMade(op);
    if (key === lastCall) {
      const last = notTraced[notTraced.length - 1];
      if (last && makes.length > 0) last.makes = [...(last.makes ?? []), ...makes];
      continue;
    }
    lastCall = key;
    if (rendered && rowsOnly(op)) {
      notTraced.push({
        file,
        line,
        reason: `a ${tool} query builder call (${op.label}): trace renders ${tool}'s schema builder, not its query builder (rows read and changed)`,
        cause: `${tool} query builder calls (rows): trace renders the schema builder only`,
      });
      continue;
    }
    const why = rendered ? builderWhy(rendered, call, renderers) : undefined;
    notTraced.push({
      file,
      line,
      reason: `a ${tool} builder call (${op.label}): ${why?.reason ?? `trace does not render ${tool}'s builders to SQL`}`,
      cause: why?.cause ?? `${tool} builder calls: trace does not render them to SQL`,
      ...(makes.length > 0 ? { makes } : {}),
    });
  }
  runCallsBefore(undefined);
  for (const line of module.jsOtherDatabase ?? [])
    notTraced.push({ file, line, reason: 'a branch for another database: PostgreSQL does not run it' });
  for (const u of module.upgrade?.unfollowed ?? []) {
    // Inside a call the tool rendered: followed after all, by the tool.
    const call = callOf(u.range.start);
    if (call && 'sql' in call.out) continue;
    notTraced.push({
      file,
      line: u.range.start.line + 1,
      reason: `${u.what}: \`${u.construct}\``,
      cause: 'code Slipway does not follow',
    });
  }
  return { statements, notTraced };
}

interface RenderedCall {
  call: JsBuilderCall;
  /** Each statement the tool renders, at the line it belongs to; or why there are none. */
  out: { sql: { sql: string; line: number }[] } | { why: string } | { missing: true };
}

/** The module's replayable Knex or Kysely calls in the order they are written, each rendered when the tool is at hand. */
function builderCalls(module: MigrationModule, renderers: JsRenderers): RenderedCall[] {
  if (!module.jsBuilders || (module.js !== 'knex' && module.js !== 'kysely')) return [];
  const knex = renderers.knex;
  const kysely = renderers.kysely;
  const render =
    module.js === 'knex'
      ? knex && ((c: JsBuilderCall) => renderAtLines(c, knex))
      : kysely && ((c: JsBuilderCall) => renderWhole(c, kysely));
  return [...module.jsBuilders]
    .sort((a, b) => (after(a.range.start, b.range.start) ? 1 : after(b.range.start, a.range.start) ? -1 : 0))
    .map((call) => ({ call, out: render ? render(call) : { missing: true as const } }));
}

/** A Kysely chain: the one statement Kysely compiles, at the line of the call that runs it. */
function renderWhole(chain: JsBuilderCall, render: JsChainRenderer): RenderedCall['out'] {
  const out = render(chain.steps);
  if ('why' in out) return out;
  const line = chain.line ?? chain.range.start.line + 1;
  return { sql: out.sql.map((sql) => ({ sql, line })) };
}

/**
 * A chain's statements at their lines, each call at its own. An alterTable's are rendered one
 * builder statement at a time, each at its line, where the MIG rules put their findings
 * (`t.dropColumn('a')` on its line): so each lock claim is judged by its own statement. (Knex would
 * send some of them as one ALTER TABLE; apart, each takes the same lock and rewrites what it
 * would.) Any part Knex refuses leaves the whole chain unrendered.
 */
function renderAtLines(chain: JsBuilderCall, render: JsBuilderRenderer): RenderedCall['out'] {
  const sql: { sql: string; line: number }[] = [];
  for (const step of chain.steps)
    for (const part of perStatement(step)) {
      const out = render(part);
      if ('why' in out) return out;
      for (const s of out.sql) sql.push({ sql: s, line: part.line });
    }
  return { sql };
}

/** An alterTable step as one step per builder statement, at its line; any other step as it is. */
function perStatement(step: JsBuilderStep): JsBuilderStep[] {
  const [table, builder, ...rest] = step.call.args;
  const alters = step.call.method === 'alterTable' || step.call.method === 'table';
  if (
    !alters ||
    rest.length > 0 ||
    builder === null ||
    typeof builder !== 'object' ||
    !('builder' in builder)
  )
    return [step];
  return builder.builder.map((chain, i) => {
    const line = builder.lines[i] ?? step.line;
    const one: ReplayValue = { builder: [chain], lines: [line] };
    return { ...step, line, call: { ...step.call, args: [table as ReplayValue, one] } };
  });
}

/** Why a Knex or Kysely step is not traced: the tool missing, the tool refusing the call, or an argument not known. */
function builderWhy(
  js: 'knex' | 'kysely',
  call: RenderedCall | undefined,
  renderers: JsRenderers,
): { reason: string; cause: string } {
  const tool = jsToolName(js);
  if (call && 'why' in call.out)
    return {
      reason: `${tool} could not render it (${call.out.why})`,
      cause: `${tool} builder calls ${tool} could not render`,
    };
  const knex = js === 'knex';
  if (!renderers[js])
    return {
      reason: `${tool} is needed to render it to SQL and ${(knex ? renderers.knexMissing : renderers.kyselyMissing) ?? 'is not at hand'}`,
      cause: `${tool} builder calls: ${tool} is not installed beside Slipway`,
    };
  return {
    reason: `not every argument is known before the migration runs (a variable, a helper, ${knex ? 'a loop in its callback' : 'a callback that is not one chain on its builder'}), so ${tool} cannot be asked for its SQL`,
    cause: `${tool} builder calls whose arguments are not literals`,
  };
}

/** A query builder step (`knex('t').where(…).update(…)`, a select, an insert): rows, not schema. */
const rowsOnly = (op: SchemaOp): boolean =>
  op.kind === 'delete' || op.kind === 'update' || op.kind === 'truncate' || op.dataOnly === true;

/** `a` comes after `b` in the file. */
const after = (a: Position, b: Position): boolean =>
  a.line > b.line || (a.line === b.line && a.character > b.character);

const within = (at: Position, r: Range): boolean => !after(r.start, at) && !after(at, r.end);

/** What a builder step would have made, named as entity-names.ts names it. */
function namesMade(op: SchemaOp): string[] {
  const table = op.table === undefined ? undefined : op.schema ? `${op.schema}.${op.table}` : op.table;
  if (op.kind === 'create_table' && table) return [table];
  if (op.kind === 'add_column' && table && op.column) return [`${table}.${op.column}`];
  if (op.kind === 'create_index' && op.index) return [op.index];
  if (op.kind === 'rename_table' && op.newName) return [op.newName];
  return [];
}
