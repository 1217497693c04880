import type { Finding } from '../finding.js';
import { LOCK_STRENGTH, type LockMode } from '../migrations/lock-facts.js';
import { findRule } from '../rules/registry.js';
import type { TraceClaim } from '../rule.js';
import type { DocumentedLock } from './documented-locks.js';
import type { NotTraced } from './plan-types.js';
import type { StandInColumn } from './stand-in-type.js';
import type { TraceSummary } from './summary-types.js';

/** A lock a statement held when it finished, as `pg_locks` shows it. */
export interface TracedLock {
  /** `pg_locks.mode`, e.g. `AccessExclusiveLock`. */
  mode: string;
  /** The table or index, schema-qualified unless in `public`. */
  relation: string;
}

/** What running one statement did. */
export interface TracedStatement {
  file: string;
  line: number;
  /** 1-based column, when another statement starts on the same line (PlannedStatement.column). */
  column?: number;
  sql: string;
  /** Locks on the database's own relations (catalogs left out), strongest first. */
  locks: TracedLock[];
  /** Tables (and materialised views) whose storage was rewritten: a new `relfilenode`. */
  rewrites: string[];
  /** Milliseconds the statement took on the embedded server (empty tables: the locks, not the time, are the point). */
  ms: number;
  /**
   * `ok`; `outside-transaction` (it must run outside a transaction block, so its locks end with
   * it and cannot be read; rewrites still can); `error` (PostgreSQL's message in `error`).
   */
  status: 'ok' | 'outside-transaction' | 'error';
  error?: string;
  /**
   * `outside-transaction` only: the locks PostgreSQL's documentation gives for the statement,
   * documented, not observed (its `locks` stay empty: nothing was read).
   */
  documentedLocks?: DocumentedLock[];
  /** Columns it made, changed or changed from with a stand-in type (stand-in-type.ts). */
  standIns?: StandInColumn[];
  /** `error` only: what made it fail (causes.ts), which the summary counts it under. */
  cause?: string;
  /** It failed only because an earlier step, of this `cause`, was not traced or failed. */
  followOn?: true;
  /**
   * What PostgreSQL says it skipped (an IF EXISTS on what is not there: `table "ips" does not
   * exist`), from its NOTICEs: a statement that skipped its object took no lock on it.
   */
  skipped?: string[];
  /** Why what it skipped was not there, when an earlier step accounts for it (causes.ts). */
  skippedBecause?: string;
}

/** A statement of the earlier migrations that failed while building the schema. */
export interface SetupError {
  file: string;
  line: number;
  error: string;
  cause?: string;
  followOn?: true;
}

/** A static finding on a traced statement, with what the trace says about it. */
export interface TraceFinding {
  rule: string;
  file: string;
  line: number;
  message: string;
  /** `confirmed`: the measured lock or rewrite is there; `refuted`: it is not; else why it is not known. */
  verdict: 'confirmed' | 'refuted' | 'not-measured' | 'not-traced';
  evidence: string;
}

export interface TraceReport {
  /** When the trace ran (ISO 8601): the editor's hover says how old what it shows is. */
  ranAt: string;
  statements: TracedStatement[];
  findings: TraceFinding[];
  notTraced: NotTraced[];
  /** Statements of the earlier migrations that failed while building the schema. */
  setupErrors: SetupError[];
  /** What the trace set up that no migration does, and why (an extension a tool's driver creates). */
  assumed?: string[];
  /** What it proved and, per cause, what it did not (summary.ts); the lists above keep each step. */
  summary?: TraceSummary;
}

const strength = (mode: string) => LOCK_STRENGTH.indexOf(mode as LockMode);

/** The verdict on one finding whose rule makes `claim` (`Rule.trace`), by the statement at its line. */
function verdictOf(claim: TraceClaim, s: TracedStatement): Pick<TraceFinding, 'verdict' | 'evidence'> {
  if (s.status === 'error') return { verdict: 'not-traced', evidence: `PostgreSQL: ${s.error}` };
  const standIn = s.standIns?.[0];
  // Measured on a stand-in type, a rewrite says nothing of the real one.
  if (standIn && claim === 'rewrites-table-by-type')
    return {
      verdict: 'not-measured',
      evidence: `${standInText(standIn)}: a rewrite depends on the real type`,
    };
  const strongest = s.locks[0];
  const took = strongest ? `took ${strongest.mode} on ${strongest.relation}` : 'took no lock on a table';
  const rewrote = s.rewrites.length > 0 ? `rewrote ${s.rewrites.join(', ')}` : 'rewrote nothing';
  if (claim === 'rewrites-table' || claim === 'rewrites-table-by-type')
    return { verdict: s.rewrites.length > 0 ? 'confirmed' : 'refuted', evidence: rewrote };
  if (claim === 'not-a-lock') return { verdict: 'not-measured', evidence: `${took}; ${rewrote}` };
  if (s.status === 'outside-transaction')
    return {
      verdict: 'not-measured',
      evidence: `ran outside a transaction block, where its locks end with it${documentedText(s, '; PostgreSQL documents ')}`,
    };
  // `blocks-writes`: the statement blocks writes (SHARE or stronger).
  const blocks = strongest !== undefined && strength(strongest.mode) >= strength('ShareLock');
  return { verdict: blocks ? 'confirmed' : 'refuted', evidence: took };
}

/**
 * The verdict, unless the statement skipped what it was written for: then finding no lock or
 * rewrite says only that it did nothing, here, so nothing is contradicted (a table the earlier
 * schema failed to build, dropped IF EXISTS, is not a drop that takes no lock).
 */
function verdictOnWhatRan(claim: TraceClaim, s: TracedStatement): Pick<TraceFinding, 'verdict' | 'evidence'> {
  const v = verdictOf(claim, s);
  if (v.verdict !== 'refuted' || s.skipped === undefined) return v;
  const because = s.skippedBecause ? `: ${s.skippedBecause}` : '';
  return {
    verdict: 'not-measured',
    evidence: `PostgreSQL skipped it (${s.skipped.join('; ')}), so "${v.evidence}" proves nothing${because}`,
  };
}

/** The static findings on the traced files whose rule makes a trace claim, each judged by the statement at its line. */
export function judgeFindings(
  findings: readonly Finding[],
  statements: readonly TracedStatement[],
): TraceFinding[] {
  const out: TraceFinding[] = [];
  for (const f of findings) {
    const claim = findRule(f.rule)?.trace;
    if (!claim) continue;
    const line = f.range.start.line + 1;
    // Several statements on one line: the last that starts at or before the finding's column.
    const atLine = statements.filter((x) => x.file === f.file && x.line === line);
    const column = f.range.start.character + 1;
    const s = atLine.filter((x) => (x.column ?? 1) <= column).pop() ?? atLine[0];
    const base = { rule: f.rule, file: f.file, line, message: f.message };
    out.push(
      s
        ? { ...base, ...verdictOnWhatRan(claim, s) }
        : { ...base, verdict: 'not-traced', evidence: 'no statement at this line was run' },
    );
  }
  return out;
}

/** The documented locks as one phrase (`ShareUpdateExclusiveLock on events (documented, not observed)`), after `prefix`. */
export function documentedText(s: Pick<TracedStatement, 'documentedLocks'>, prefix: string): string {
  const locks = s.documentedLocks ?? [];
  if (locks.length === 0) return '';
  return `${prefix}${locks.map((l) => `${l.mode} on ${l.relation}`).join(', ')} (documented, not observed)`;
}

/** `users.id ran as text in place of GUID`. */
export const standInText = (c: StandInColumn): string =>
  `column ${c.table}.${c.column} ran as ${c.ranAs} in place of its type ${c.type}`;

/**
 * `--format json`: `{"ranAt": ..., "summary": {...}, "statements": [...], "findings": [...],
 * "notTraced": [...], "setupErrors": [...]}`, the summary first as in the text.
 */
export function renderTraceJson(r: TraceReport): string {
  const { ranAt, summary, ...rest } = r;
  return `${JSON.stringify({ ranAt, ...(summary ? { summary } : {}), ...rest }, null, 2)}\n`;
}

/** The trace's findings as Findings (for SARIF): each static finding with the trace's verdict appended. */
export function traceFindingsAsFindings(r: TraceReport, statics: readonly Finding[]): Finding[] {
  return statics.map((f) => {
    const t = r.findings.find(
      (x) => x.rule === f.rule && x.file === f.file && x.line === f.range.start.line + 1,
    );
    return t ? { ...f, message: `${f.message} Trace: ${t.verdict} (${t.evidence}).` } : f;
  });
}
