import { causeOf, NEVER_MADE } from './causes.js';
import { missingName } from './entity-names.js';
import type { PlannedStatement } from './plan-types.js';
import type { TraceReport } from './report.js';
import type { StandInColumn } from './stand-in-type.js';
import type { StepPlace, StandInUse, TraceCause, TraceSummary } from './summary-types.js';

/**
 * What a trace proved, then what kept the rest from being traced, one entry per cause: the head
 * of the text report and `summary` in the JSON one (summary-types.ts). The per-step detail stays
 * in the report's lists (and in the text with `--verbose`).
 */

/**
 * The summary of a report whose steps carry their causes (causes.ts). `setup`: the earlier
 * migrations' statements, for their count and the stand-in types they built tables with.
 */
export function summarizeTrace(
  r: Omit<TraceReport, 'summary'>,
  setup?: readonly PlannedStatement[],
): TraceSummary {
  const causes = new Map<string, TraceCause>();
  const add = (cause: string, at: StepPlace, kind: 'notTraced' | 'failed' | 'followOns') => {
    let c = causes.get(cause);
    if (!c) {
      c = { cause, notTraced: 0, failed: 0, followOns: 0, first: { file: at.file, line: at.line } };
      causes.set(cause, c);
    }
    c[kind]++;
  };
  const failure = (s: { cause?: string; followOn?: true; error?: string } & StepPlace) => {
    const cause = s.cause ?? `PostgreSQL: ${s.error}`;
    add(cause, s, s.followOn ? 'followOns' : 'failed');
    const name = cause === NEVER_MADE && !s.followOn ? missingName(s.error ?? '') : undefined;
    const c = causes.get(cause);
    if (c && name !== undefined) c.missing = [...(c.missing ?? []), name];
  };
  for (const e of r.setupErrors) failure(e);
  for (const n of r.notTraced) add(causeOf(n), n, 'notTraced');
  for (const s of r.statements) if (s.status === 'error') failure(s);
  const failed = r.statements.filter((s) => s.status === 'error');
  const claims = { confirmed: 0, refuted: 0, 'not-measured': 0, 'not-traced': 0 };
  for (const f of r.findings) claims[f.verdict]++;
  return {
    traced: {
      statements: r.statements.length,
      ran: r.statements.length - failed.length,
      failed: failed.length,
      followOns: failed.filter((s) => s.followOn).length,
      withStandIn: r.statements.filter((s) => s.status !== 'error' && (s.standIns?.length ?? 0) > 0).length,
    },
    history: {
      ...(setup ? { statements: setup.length } : {}),
      failed: r.setupErrors.length,
    },
    claims,
    causes: [...causes.values()].sort(
      (a, b) => b.notTraced + b.failed + b.followOns - (a.notTraced + a.failed + a.followOns),
    ),
    standIns: standInUses([...(setup ?? []), ...r.statements]),
  };
}

/** The stand-in types, each with the tables built with it, most tables first. */
function standInUses(
  statements: readonly { file: string; line: number; standIns?: StandInColumn[] }[],
): StandInUse[] {
  const uses = new Map<string, StandInUse>();
  for (const s of statements)
    for (const c of s.standIns ?? []) {
      const use = uses.get(c.type) ?? {
        type: c.type,
        ranAs: c.ranAs,
        tables: [],
        first: { file: s.file, line: s.line },
      };
      if (!use.tables.includes(c.table)) use.tables.push(c.table);
      uses.set(c.type, use);
    }
  return [...uses.values()].sort((a, b) => b.tables.length - a.tables.length);
}

/** Names a summary line gives of what was missing; the JSON and --verbose give every one. */
const MISSING_SHOWN = 5;

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The summary as the text report's head: what was proved, then one line per cause. */
export function summaryLines(s: TraceSummary): string[] {
  const t = s.traced;
  const failed =
    t.failed === 0
      ? ''
      : `, ${t.failed} failed${t.followOns > 0 ? ` (${t.followOns} only because an earlier step was not traced)` : ''}`;
  const standIn = t.withStandIn > 0 ? `; ${t.withStandIn} ran with a stand-in column type` : '';
  const history =
    s.history.statements === undefined
      ? ''
      : ` The schema before them: ${count(s.history.statements, 'statement')}, ${s.history.failed} failed.`;
  const c = s.claims;
  const out = [
    `Traced ${count(t.statements, 'statement')}: ${t.ran} ran${failed}${standIn}.${history}`,
    `Lock claims (MIG findings on the traced lines): ${c.confirmed} confirmed, ${c.refuted} contradicted, ${c['not-measured']} not measured, ${c['not-traced']} not traced.`,
  ];
  if (s.standIns.length > 0 || s.causes.length > 0) out.push('Not traced or not proved, by cause:');
  for (const u of s.standIns)
    out.push(
      `  ${count(u.tables.length, 'table')} built with ${u.ranAs} in place of column type ${u.type}: claims that depend on the type are not proved there (first: ${u.first.file}:${u.first.line})`,
    );
  for (const cause of s.causes) {
    const parts = [
      cause.notTraced > 0 ? `${count(cause.notTraced, 'step')} not traced` : '',
      cause.failed > 0 ? `${count(cause.failed, 'step')} failed` : '',
      cause.followOns > 0 ? `${count(cause.followOns, 'later step')} failed for it` : '',
    ].filter((p) => p !== '');
    const missing = cause.missing ?? [];
    const names =
      missing.length === 0
        ? ''
        : `: ${missing.slice(0, MISSING_SHOWN).join(', ')}${missing.length > MISSING_SHOWN ? ` and ${missing.length - MISSING_SHOWN} more` : ''}`;
    out.push(
      `  ${parts.join(', ')}: ${cause.cause}${names} (first: ${cause.first.file}:${cause.first.line})`,
    );
  }
  return out;
}
