import { closeSync } from 'node:fs';
import {
  type AuditEvent,
  type AuditEventName,
  type AuditIssue,
  type AuditOutcome,
  chainIssue,
  columnsOf,
  type DeploySection,
  GENESIS_HASH,
  headIssuesAt,
  hexAtIs,
  judgeAuditLine,
  LIMITS,
  LineIndex,
  MetricsColumns,
  type MetricsEntry,
  notTextAt,
  parseDeployRecord,
  wellFormedAuditHead,
  WrittenLineReader,
} from '../../index.js';
import { isLowerHex } from '../../deploy/audit-event-fast-check.js';
import { timestampMs } from '../../deploy/timestamp.js';
import { nativeSha256, nativeSha256OfBytes } from '../native-sha256.js';
import { openConfigured, readDeployState, readRecordText } from './deploy-state.js';
import { forEachLine, type OnLine, type TakeLine } from './file-lines.js';
import { readRange } from '../read-range.js';

/** The audit log as the delivery figures read it: verified, with only what they use kept. */
export interface MetricsLog {
  /**
   * The lines the figures count (every line not `started` or `refused`), and each environment's
   * first line, so that one that only ever started a run is still listed. In line order, as
   * columns (no object per line).
   */
  entries: MetricsColumns;
  /** What verifying the log found, exactly as every deploy flow's reading (`readAuditLog`) finds it. */
  issues: AuditIssue[];
  /** Every SHA a promote or a rollback moved from or to (the commits git is asked about). */
  deployed: Set<string>;
  /**
   * What is wrong with the deploy record (an unknown key, a malformed SHA), 1-based lines. Its
   * audit_head is still read when it is well formed, so the log's tail is still checked.
   */
  recordProblems: { line: number; message: string }[];
}

const LOG = 'the audit log (deploy.audit_log)';
const latin1 = (bytes: Uint8Array, from: number, to: number) =>
  (bytes as Buffer).toString('latin1', from, to);
const TO_KEY = Buffer.from('"to":"');
const MOVES = new Set<string>(['PROMOTE', 'STAGING_VERIFIED', 'SYSTEM_CORRECTION_EVENT']);

/**
 * The audit log verified line by line as it streams through a reused buffer (file-lines.ts):
 * every line hashed and its `prev` checked against the line before, as `readAuditLog` does, with
 * the same issues. What changes is the cost: a line laid out as Slipway writes it is read from
 * its bytes (`writtenLineFields`) instead of through JSON.parse, and the log's text, its lines'
 * strings and one event object per line are never made. Any other line (hand-edited, escaped,
 * torn, not an event) is judged by the chain's own reader (`judgeAuditLine`). A log refused whole
 * (past its limits, binary) goes through `readDeployState`, the one reading of those edges.
 */
export function readMetricsLog(root: string, deploy: DeploySection): MetricsLog {
  const recordText = readRecordText(root, deploy);
  const parsed = recordText === undefined ? undefined : parseDeployRecord(recordText);
  const expectedHead = parsed === undefined ? undefined : wellFormedAuditHead(parsed);
  const lines = recordText === undefined ? undefined : new LineIndex(recordText);
  const recordProblems = (parsed?.problems ?? []).map((p) => ({
    line: (lines as LineIndex).position(p.start).line + 1,
    message: p.message,
  }));
  const opened = openConfigured(root, deploy.audit_log, LOG);
  if (opened === undefined) return { ...fromWholeLog(root, deploy), recordProblems };
  try {
    if (opened.st.size > LIMITS.auditLog.chars) return { ...fromWholeLog(root, deploy), recordProblems };
    const log = verifyStreamed(opened.fd, expectedHead) ?? fromWholeLog(root, deploy);
    return { ...log, recordProblems };
  } finally {
    closeSync(opened.fd);
  }
}

/** The streamed verification; undefined when the log is to be refused whole (its first line binary, too many lines). */
function verifyStreamed(
  fd: number,
  expectedHead: string | undefined,
): Omit<MetricsLog, 'recordProblems'> | undefined {
  const entries = new MetricsColumns();
  const issues: AuditIssue[] = [];
  const deployed = new Set<string>();
  const environments = new Set<string>();
  const written = new WrittenLineReader(latin1);
  let refuse = false;
  let lastHash = GENESIS_HASH;
  let valid = 0;
  let headAt = -1;
  let afterHead: number | undefined;
  const keep = (
    line: number,
    time: number,
    event: AuditEventName,
    environment: string,
    outcome: AuditOutcome,
    from: string | null,
    to: string | null,
  ) => {
    if (MOVES.has(event)) {
      if (to !== null) deployed.add(to);
      if (from !== null) deployed.add(from);
    }
    if ((outcome !== 'started' && outcome !== 'refused') || !environments.has(environment))
      entries.push(line, time, event, outcome, environment, from, to);
    environments.add(environment);
  };
  const chained = (line: number, hash: string, chains: boolean) => {
    if (!chains) issues.push(chainIssue(line, valid === 0));
    if (headAt !== -1 && afterHead === undefined) afterHead = line;
    if (headAt === -1 && hash === expectedHead) headAt = valid;
    valid++;
    lastHash = hash;
  };
  /** A line `written` has just read, `bytes[start, end)`: hashed and chained, its fields kept. */
  const writtenLine = (bytes: Buffer, start: number, end: number, line: number) => {
    chained(
      line,
      // A plain view, not a Buffer's subarray: a Buffer is a class instance, costlier per line.
      nativeSha256OfBytes(new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start)),
      hexAtIs(bytes, written.prevAt, lastHash),
    );
    const w = written;
    keep(line, w.timeMs, w.event, w.environment, w.outcome, w.from, w.to);
  };
  const onLine: OnLine = (bytes, start, end, line, torn) => {
    if (refuse) return;
    if (line === 0 && notTextAt(bytes.toString('utf8', start, end)) !== -1) {
      refuse = true;
      return;
    }
    // A line longer than one event may be is the chain reader's to report (ASCII: bytes are characters).
    const plain = !torn && end - start <= LIMITS.auditLog.lineChars;
    if (plain && written.read(bytes, start, end)) {
      writtenLine(bytes, start, end, line);
      return;
    }
    let text = bytes.toString('utf8', start, end);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const judged = judgeAuditLine(text, line, torn);
    if (judged === undefined) return;
    if ('kind' in judged) {
      issues.push(judged);
      return;
    }
    chained(line, nativeSha256(text), judged.prev === lastHash);
    const j = judged;
    keep(line, timestampMs(j.time), j.event, j.environment, j.outcome, j.from, j.to);
  };
  // A line in Slipway's own layout is read before its end is searched for (`readLine` finds it):
  // one pass over its bytes, not two. Any other line (and the first, which is checked for
  // binary) takes `onLine`'s way.
  const take: TakeLine = (bytes, start, limit, line) => {
    if (refuse || line === 0) return -1;
    const lineEnd = written.readLine(bytes, start, limit);
    if (lineEnd === -1 || lineEnd - start > LIMITS.auditLog.lineChars) return -1;
    writtenLine(bytes, start, lineEnd, line);
    return lineEnd;
  };
  const { breaks } = forEachLine(fd, onLine, take);
  if (refuse || breaks > LIMITS.auditLog.lines) return undefined;
  if (expectedHead !== undefined) for (const i of headIssuesAt(headAt, valid, afterHead)) issues.push(i);
  return { entries, issues, deployed };
}

/** How much of the log's end `shasNamedInTail` reads: a few hundred lines, the latest deploys. */
export const TAIL_BYTES = 1 << 16;

/**
 * Every SHA a `"to"` names as Slipway writes it (40 lowercase hex digits) in the log's last
 * `TAIL_BYTES` (whole lines only), read before the chain is verified so that git can start on
 * them meanwhile: the latest deploys reach nearly every commit deployed before them, so the rest
 * costs a second, short git log after. Not the whole log: scanning 30 MB for every "to" was a
 * tenth of `slipway metrics`. A SHA named where no deploy moved (a line the verification refuses,
 * an event that moves nothing) only asks git about more commits: the figures look up only what
 * the verified log deployed and what it reaches.
 */
export function shasNamedInTail(root: string, deploy: DeploySection, tail = TAIL_BYTES): Set<string> {
  const shas = new Set<string>();
  let opened: ReturnType<typeof openConfigured>;
  try {
    opened = openConfigured(root, deploy.audit_log, LOG);
  } catch {
    // Refused or unreadable: the verification reports it, after the record's own errors.
    return shas;
  }
  if (opened === undefined) return shas;
  try {
    const from = Math.max(0, opened.st.size - tail);
    const bytes = readRange(opened.fd, from, opened.st.size - from);
    const have = bytes.length;
    // A line cut by the tail's start is skipped: its "to" may be cut too.
    const first = from === 0 ? 0 : bytes.indexOf(10) + 1;
    if (from !== 0 && first === 0) return shas;
    // A SHA is 40 hex digits then a quote, so one found never runs into the next line.
    for (let at = bytes.indexOf(TO_KEY, first); at !== -1 && at < have; at = bytes.indexOf(TO_KEY, at + 1)) {
      const sha = at + TO_KEY.length;
      if (sha + 41 > have || bytes[sha + 40] !== 0x22 /* " */) continue;
      const s = latin1(bytes, sha, sha + 40);
      if (isLowerHex(s, 40)) shas.add(s);
    }
  } finally {
    closeSync(opened.fd);
  }
  return shas;
}

/** `readDeployState`'s verification of the whole text, in the shape the figures read. */
function fromWholeLog(root: string, deploy: DeploySection): Omit<MetricsLog, 'recordProblems'> {
  const { log } = readDeployState(root, deploy);
  const deployed = new Set<string>();
  for (const { event } of log.entries as { event: AuditEvent }[]) addMoved(deployed, event);
  return { entries: columnsOf(log.entries), issues: log.issues, deployed };
}

/** The SHAs a promote or a rollback moved from and to: the commits git is asked about. */
function addMoved(deployed: Set<string>, event: MetricsEntry['event']): void {
  if (!MOVES.has(event.event)) return;
  if (event.to !== null) deployed.add(event.to);
  if (event.from !== null) deployed.add(event.from);
}
