import type { SqlRunner } from '../policy/schema/migrations.js';
import {
  backSections,
  blankSections,
  popGenericReplaced,
  sqlFilePart,
  withoutTemplates,
} from '../migrations/sql-migration-parts.js';
import type { JsRenderers, NotTraced, PlannedStatement, TracePlan, TraceSource } from './plan-types.js';
import { renderAlembicUpgrade } from './render-alembic.js';
import { renderJsMigration } from './render-js.js';
import { djangoAppState, renderDjangoMigration } from './render-django.js';
import type { DjangoMade } from './render-django-made.js';
import type { StandInColumn } from './stand-in-type.js';
import { carryStandIns } from './stand-in-tracking.js';
import { sqlStatements } from './sql-statements.js';
import { LineIndex } from '../text-position.js';

/** Why parts of .sql migrations are not run; in the history before the traced ones, not listed. */
const NOT_FORWARD = {
  file: 'the way back (a down migration): not run forward',
  section: 'the way back (a down section): not run forward',
  otherDatabase: 'a migration for another database: PostgreSQL does not run it',
  replacedGeneric: 'a generic migration whose version has a PostgreSQL file: pop runs that one instead',
};
const NOT_FORWARD_REASONS = new Set(Object.values(NOT_FORWARD));

/**
 * A .sql migration's forward statements (sql-migration-parts.ts): the way back (a `.down.sql`
 * file, a `-- +goose Down` section) and a file named for another database are not run, and are
 * listed as such.
 */
function forwardSqlStatements(
  file: string,
  text: string,
  runner: SqlRunner,
  replaced: ReadonlySet<string>,
): ReturnType<typeof sqlStatements> {
  const part = replaced.has(file) ? 'replaced' : sqlFilePart(file, runner);
  if (part !== 'forward')
    return {
      statements: [],
      notTraced: [
        {
          file,
          line: 1,
          reason:
            part === 'back'
              ? NOT_FORWARD.file
              : part === 'replaced'
                ? NOT_FORWARD.replacedGeneric
                : NOT_FORWARD.otherDatabase,
        },
      ],
    };
  const sql = withoutTemplates(text, runner);
  const back = backSections(sql, runner);
  if (back.length === 0) return sqlStatements(file, sql);
  const forward = sqlStatements(file, blankSections(sql, back, false));
  const lines = new LineIndex(text);
  for (const section of back)
    forward.notTraced.push({
      file,
      line: lines.position(section.from).line + 1,
      reason: NOT_FORWARD.section,
    });
  return forward;
}

/**
 * One migration file as statements: SQL as written, Alembic through its op.* calls, Django
 * through its operations. `replaced`: the generic pop files a PostgreSQL file of their version
 * replaces (popGenericReplaced). `django`: each app's models so far, which its migrations render
 * against and move on (render-django.ts): a migration's history goes through it first, in order.
 */
export function planSource(
  source: TraceSource,
  replaced: ReadonlySet<string> = new Set(),
  django: Map<string, DjangoMade> = new Map(),
  renderers: JsRenderers = {},
): { statements: PlannedStatement[]; notTraced: NotTraced[] } {
  if (source.jsModule) return renderJsMigration(source.path, source.jsModule, renderers);
  if (!source.path.endsWith('.py'))
    return forwardSqlStatements(source.path, source.text, source.sqlRunner ?? 'plain', replaced);
  const app = source.djangoApp;
  let made = app === undefined ? undefined : django.get(app);
  if (app !== undefined && !made) {
    made = djangoAppState(app);
    django.set(app, made);
  }
  const rendered = made
    ? renderDjangoMigration(source.path, source.text, made)
    : renderAlembicUpgrade(source.path, source.text);
  const statements: PlannedStatement[] = [];
  const notTraced = [...rendered.notTraced];
  // op.execute SQL may hold several statements: split them, each at the call's line.
  for (const s of rendered.statements) {
    const split = sqlStatements(s.file, s.sql, s.line, s.outsideTransaction);
    for (const x of split.statements)
      statements.push({
        ...x,
        ...(s.endLine === undefined ? {} : { endLine: s.endLine }),
        ...(s.standIns ? { standIns: s.standIns } : {}),
      });
    notTraced.push(...split.notTraced);
  }
  return { statements, notTraced };
}

/**
 * What `slipway trace` runs: the earlier migrations (in order) build the schema, then each
 * statement of the traced ones is measured. Not-traced parts of the earlier migrations matter
 * too: the schema they leave may lack what a traced statement needs. Columns made with a
 * stand-in type are followed through both (stand-in-tracking.ts). `renderers`: the JS tools'
 * own renderers of their builder calls, when the caller has them (render-js.ts).
 */
export function buildTracePlan(
  history: readonly TraceSource[],
  traced: readonly TraceSource[],
  renderers: JsRenderers = {},
): TracePlan {
  const plan: TracePlan = { setup: [], traced: [], notTraced: [] };
  const standIns = new Map<string, StandInColumn>();
  const django = new Map<string, DjangoMade>();
  // As the MIG rules read them (analyze.ts): on PostgreSQL, pop runs a version's .postgres. file
  // and not its generic one.
  const replaced = popGenericReplaced(
    [...history, ...traced].filter((s) => s.sqlRunner === 'pop').map((s) => s.path),
  );
  for (const source of history) {
    const p = planSource(source, replaced, django, renderers);
    plan.setup.push(...carryStandIns(p.statements, standIns));
    plan.notTraced.push(
      ...p.notTraced.filter(
        (n) => !n.reason.startsWith('transaction control') && !NOT_FORWARD_REASONS.has(n.reason),
      ),
    );
  }
  for (const source of traced) {
    const p = planSource(source, replaced, django, renderers);
    plan.traced.push(...carryStandIns(p.statements, standIns));
    plan.notTraced.push(...p.notTraced);
  }
  return plan;
}
