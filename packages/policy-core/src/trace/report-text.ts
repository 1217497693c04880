import { documentedText, standInText, type TraceReport } from './report.js';
import { summarizeTrace, summaryLines } from './summary.js';

const oneLine = (sql: string) => {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 87)}...` : flat;
};

/**
 * The report for a person: first what the trace proved (its counts, then what it says of each
 * finding) and one line per cause of what it did not (summary.ts), then each traced statement
 * with its locks and rewrites. A failure that only follows from an earlier step not traced, each
 * step not traced and each failure while building the schema are counted in the summary and
 * listed one by one only with `verbose`: on a real history they run to hundreds of lines.
 */
export function renderTraceText(r: TraceReport, options: { verbose?: boolean } = {}): string {
  const verbose = options.verbose === true;
  const out = summaryLines(r.summary ?? summarizeTrace(r));
  for (const a of r.assumed ?? []) out.push(`assumed: ${a}`);
  if (
    !verbose &&
    (r.notTraced.length > 0 || r.setupErrors.length > 0 || r.statements.some((s) => s.followOn))
  )
    out.push('(--verbose lists each step not traced and each failure)');
  // A claim the trace could not judge is counted above; the verbose report lists it too.
  for (const f of r.findings)
    if (verbose || f.verdict !== 'not-traced')
      out.push(`${f.file}:${f.line}: ${f.rule} ${f.verdict}: ${f.evidence}`);
  out.push('');
  if (verbose)
    for (const e of r.setupErrors)
      out.push(
        `${e.file}:${e.line}: earlier migration failed while building the schema: ${e.error}${e.followOn ? ` (follows from: ${e.cause})` : ''}`,
      );
  for (const s of r.statements) {
    if (s.followOn && !verbose) continue;
    out.push(`${s.file}:${s.line}  ${oneLine(s.sql)}`);
    if (s.status === 'error')
      out.push(`    error: ${s.error}${s.followOn ? ` (follows from: ${s.cause})` : ''}`);
    else {
      const locks = s.locks.map((l) => `${l.mode} ${l.relation}`).join(', ');
      const lockText =
        s.status === 'outside-transaction'
          ? `not observed (ran outside a transaction block)${documentedText(s, '; PostgreSQL documents ')}`
          : locks || 'none';
      out.push(`    locks: ${lockText}`);
      out.push(`    rewrites: ${s.rewrites.join(', ') || 'none'}    time: ${s.ms.toFixed(1)} ms`);
      if (s.skipped)
        out.push(`    skipped: ${s.skipped.join('; ')}${s.skippedBecause ? `: ${s.skippedBecause}` : ''}`);
    }
    for (const c of s.standIns ?? []) out.push(`    stand-in: ${standInText(c)}`);
  }
  if (verbose) for (const n of r.notTraced) out.push(`${n.file}:${n.line}: not traced: ${n.reason}`);
  return `${out.join('\n')}\n`;
}
