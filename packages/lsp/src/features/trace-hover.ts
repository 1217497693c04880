import {
  documentedText,
  hoverCode,
  hoverText,
  type MatchedTrace,
  matchTrace,
  type SqlRunner,
  type TraceReport,
} from '@slipway/policy-core';

/**
 * The last matching of each kept trace to each file's text: hovers come one after another on a
 * text that has not changed, and matching parses the file. Keyed by the report object (a new
 * trace is a new object, one per work tree), so two workspaces never share an entry.
 */
const lastMatch = new WeakMap<
  TraceReport,
  Map<string, { text: string; runner: SqlRunner; js: JsMatching | undefined; matches: MatchedTrace[] }>
>();

/** A JS migration's tool, and the renderers the server traced with (matchTrace). */
export type JsMatching = NonNullable<Parameters<typeof matchTrace>[4]>;

function matchesOf(
  report: TraceReport,
  file: string,
  text: string,
  runner: SqlRunner,
  js: JsMatching | undefined,
): MatchedTrace[] {
  const byFile = lastMatch.get(report) ?? new Map();
  lastMatch.set(report, byFile);
  const last = byFile.get(file);
  const sameJs = last?.js?.tool === js?.tool && last?.js?.renderers === js?.renderers;
  if (last?.text === text && last.runner === runner && sameJs) return last.matches;
  const matches = matchTrace(report, file, text, runner, js);
  byFile.set(file, { text, runner, js, matches });
  return matches;
}

/** `"users"`: relations as PostgreSQL prints them in its messages. */
const quoted = (relation: string) => `"${relation}"`;

function ago(ranAt: string, now: Date): string {
  const minutes = Math.round((now.getTime() - Date.parse(ranAt)) / 60_000);
  if (!Number.isFinite(minutes)) return '';
  if (minutes < 1) return ' (just now)';
  if (minutes < 120) return ` (${minutes} minute${minutes === 1 ? '' : 's'} ago)`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? ` (${hours} hours ago)` : ` (${Math.round(hours / 24)} days ago)`;
}

function oneStatement(m: MatchedTrace, several: boolean): string[] {
  const s = m.traced;
  const out: string[] = [];
  // The SQL, relations and PostgreSQL's messages quote the repository's migrations (hover.ts).
  if (several) out.push(hoverCode(s.sql.replace(/\s+/g, ' ').slice(0, 80)), '');
  if (s.status === 'error')
    out.push(`- **Failed** in the trace: PostgreSQL said: ${hoverText(s.error ?? 'an error')}`);
  else if (s.status === 'outside-transaction')
    out.push(
      `- **Locks:** not observed: it runs outside a transaction block, where its locks end with it${hoverText(
        documentedText(
          { documentedLocks: s.documentedLocks?.map((l) => ({ ...l, relation: quoted(l.relation) })) },
          '. PostgreSQL documents ',
        ),
      )}`,
    );
  else
    out.push(
      `- **Locks:** ${s.locks.map((l) => `${hoverCode(l.mode)} on ${hoverText(quoted(l.relation))}`).join(', ') || 'none on an existing table'}`,
    );
  if (s.status !== 'error') {
    out.push(`- **Rewrites:** ${s.rewrites.map((r) => hoverText(quoted(r))).join(', ') || 'none'}`);
    out.push(
      `- **Time:** ${s.ms.toFixed(1)} ms (embedded PostgreSQL, empty tables: the locks are the point)`,
    );
  }
  for (const f of m.findings) out.push(`- **${f.rule}** ${f.verdict}: ${hoverText(f.evidence)}`);
  return out;
}

/**
 * The hover of a traced statement: what the last trace measured for the statement under the
 * cursor (locks, rewrites, time, its verdict on the static findings there) and when it ran.
 * Undefined when the statement is not in the trace as it is written now (see matchTrace).
 */
export function traceHoverMarkdown(
  report: TraceReport | undefined,
  file: string,
  text: string,
  line: number,
  now = new Date(),
  /** The policy's `migrations.sql_runner`, as the trace planned the file with it. */
  sqlRunner: SqlRunner = 'plain',
  /** For a Knex, TypeORM, Sequelize, Kysely or MikroORM migration: its tool and the trace's renderers. */
  js?: JsMatching,
): string | undefined {
  if (!report) return undefined;
  const here = matchesOf(report, file, text, sqlRunner, js).filter(
    (m) => m.startLine <= line && line <= m.endLine,
  );
  if (here.length === 0) return undefined;
  const when = `${report.ranAt.slice(0, 16).replace('T', ' ')} UTC${ago(report.ranAt, now)}`;
  const lines = [`**Slipway trace**, ran ${when}`, ''];
  for (const m of here) lines.push(...oneStatement(m, here.length > 1), '');
  return lines.join('\n').trimEnd();
}
