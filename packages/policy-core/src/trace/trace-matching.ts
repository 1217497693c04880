import type { SqlRunner } from '../policy/schema/migrations.js';
import type { JsTool } from '../migrations/js-walk.js';
import { readJsMigration } from '../migrations/js-module.js';
import { planSource } from './plan.js';
import type { JsRenderers } from './plan-types.js';
import type { TraceFinding, TracedStatement, TraceReport } from './report.js';
import { groupBy } from '../group-by.js';

/** A statement of the text as it is now, and what the last trace measured for it. */
export interface MatchedTrace {
  /** 0-based lines the statement spans (an Alembic call: the lines of the call). */
  startLine: number;
  endLine: number;
  traced: TracedStatement;
  /** The static findings the trace judged at that statement. */
  findings: TraceFinding[];
}

/**
 * The traced statements of `file` that are still there, unchanged, in `text`: a statement
 * matches when its SQL (for Alembic, the SQL its op.* call renders to) is exactly the traced SQL,
 * counted in order among identical statements of the file. An edited statement matches nothing,
 * so nothing stale is ever shown for it; one only moved by edits above it keeps its result.
 */
export function matchTrace(
  report: Pick<TraceReport, 'statements' | 'findings'>,
  file: string,
  text: string,
  /** What runs the .sql migrations (`migrations.sql_runner`): the statements are planned as the trace planned them. */
  sqlRunner: SqlRunner = 'plain',
  /**
   * A Knex, TypeORM, Sequelize, Kysely or MikroORM migration: its tool, and the renderers the trace had
   * (without Knex's, a statement Knex rendered matches nothing: never a stale result).
   */
  js?: { tool: JsTool; renderers?: JsRenderers },
): MatchedTrace[] {
  const traced = report.statements.filter((s) => s.file === file);
  if (traced.length === 0) return [];
  const bySql = groupBy(traced, (s) => s.sql);
  const seen = new Map<string, number>();
  const out: MatchedTrace[] = [];
  // An Alembic or JS call spans the lines the plan gives it; a .sql statement, its own text's.
  const call = file.endsWith('.py') || js !== undefined;
  const source = js
    ? { path: file, text, jsModule: readJsMigration(file, text, js.tool) }
    : { path: file, text, sqlRunner };
  for (const now of planSource(source, undefined, undefined, js?.renderers).statements) {
    const nth = seen.get(now.sql) ?? 0;
    seen.set(now.sql, nth + 1);
    const match = bySql.get(now.sql)?.[nth];
    if (!match) continue;
    const startLine = now.line - 1;
    const endLine = call ? (now.endLine ?? now.line) - 1 : startLine + (now.sql.match(/\n/g)?.length ?? 0);
    const findings = report.findings.filter((f) => f.file === file && f.line === match.line);
    out.push({ startLine, endLine, traced: match, findings });
  }
  return out;
}
