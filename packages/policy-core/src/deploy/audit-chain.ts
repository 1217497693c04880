import { appendAll } from '../append-all.js';
import { LIMITS, linesPast, megabytes, NOT_TEXT, notTextAt } from '../limits.js';
import { type AuditEvent, auditEventSchema, GENESIS_HASH } from './audit-event.js';
import { isAuditEvent } from './audit-event-fast-check.js';
import { sha256Hex } from './sha256.js';

/** One valid line of the audit log. */
export interface AuditEntry {
  /** 0-based line number in the file. */
  line: number;
  text: string;
  event: AuditEvent;
  /** SHA-256 of `text`: what the next line's `prev` and the record's `audit_head` must be. */
  hash: string;
}

export type AuditIssue =
  /** A line that is not JSON or not an audit event; `torn` when it is the unterminated last line. */
  | {
      kind: 'malformed';
      line: number;
      message: string;
      torn: boolean;
      /** About the whole file (too large, refused unread), reported on its first line. */
      whole?: true;
    }
  /** A valid line whose `prev` is not the hash of the valid line before it. */
  | { kind: 'chain'; line: number; message: string }
  /** The record's `audit_head` names no line of the log: the tail was truncated or edited. */
  | { kind: 'head-missing'; message: string }
  /** Lines after the record's `audit_head`: an interrupted (or running) promote or rollback. */
  | { kind: 'head-behind'; line: number; count: number; message: string };

export interface AuditLog {
  entries: AuditEntry[];
  issues: AuditIssue[];
  /** Hash the next appended line must carry as `prev`: the last valid line's hash. */
  lastHash: string;
  /** True when the file ends without a newline (an interrupted append). */
  tornTail: boolean;
  lineCount: number;
}

function splitLines(text: string): { lines: string[]; tornTail: boolean } {
  const lines = text.split('\n');
  const tornTail = lines[lines.length - 1] !== '';
  if (!tornTail) lines.pop();
  return { lines, tornTail };
}

/**
 * Parses and verifies the log. Malformed lines are reported and left out of the chain: the
 * next valid line must chain to the last valid one, so that a torn line from an interrupted
 * append can be seen (AUD001) and, once a person has looked at it, deleted without breaking
 * the chain, while replacing a valid entry with garbage still breaks it (AUD002).
 * `expectedHead` is the record's `audit_head`, when there is one.
 */
export function readAuditLog(
  text: string,
  expectedHead?: string,
  /** SHA-256 as hex; defaults to the pure implementation. Node callers pass node:crypto's (faster). */
  hash: (line: string) => string = sha256Hex,
): AuditLog {
  const { chars, lines: maxLines } = LIMITS.auditLog;
  const tooLong = text.length > chars;
  const tooBig = tooLong || linesPast(text, maxLines);
  // Past the size limit, or binary from its first line on (a binary file would be one finding
  // per line). A bad byte further down, such as a crash's NUL-filled tail, stays a finding about
  // that line: the lines before it are still verified.
  const firstLineEnd = text.indexOf('\n');
  const firstLine = firstLineEnd === -1 ? text : text.slice(0, firstLineEnd);
  if (tooBig || notTextAt(firstLine) !== -1) {
    return {
      entries: [],
      issues: [unreadLogIssue(tooLong ? text.length : tooBig ? 'lines' : 'not-text')],
      lastHash: GENESIS_HASH,
      tornTail: false,
      lineCount: 0,
    };
  }
  const { lines, tornTail } = splitLines(text);
  const entries: AuditEntry[] = [];
  const issues: AuditIssue[] = [];
  let lastHash = GENESIS_HASH;
  for (let i = 0; i < lines.length; i++) {
    let lineText = lines[i] as string;
    if (lineText.endsWith('\r')) lineText = lineText.slice(0, -1);
    const judged = judgeAuditLine(lineText, i, tornTail && i === lines.length - 1);
    if (judged === undefined) continue;
    if ('kind' in judged) {
      issues.push(judged);
      continue;
    }
    const lineHash = hash(lineText);
    if (judged.prev !== lastHash) issues.push(chainIssue(i, entries.length === 0));
    entries.push({ line: i, text: lineText, event: judged, hash: lineHash });
    lastHash = lineHash;
  }
  appendAll(issues, headIssues(entries, expectedHead));
  return { entries, issues, lastHash, tornTail, lineCount: lines.length };
}

/**
 * Why a whole log is refused unread: its size in characters past the limit, more lines than the
 * limit, or binary from its first line on. Reported on its first line.
 * @internal
 */
export function unreadLogIssue(why: number | 'lines' | 'not-text'): AuditIssue {
  const { chars, lines: maxLines } = LIMITS.auditLog;
  const size =
    typeof why !== 'number'
      ? `has more than ${maxLines.toLocaleString('en-US')} lines, the most Slipway reads`
      : // Just past the limit both round to the same megabytes: then the characters say it.
        megabytes(why) === megabytes(chars)
        ? `is ${why.toLocaleString('en-US')} characters, more than the ${chars.toLocaleString('en-US')} Slipway reads`
        : `is ${megabytes(why)}, more than the ${megabytes(chars)} Slipway reads`;
  const message =
    why === 'not-text'
      ? `the audit log ${NOT_TEXT}, so its chain cannot be verified; restore it from git`
      : `the audit log ${size}, so its chain cannot be verified; move old entries to an archive the policy does not name`;
  return { kind: 'malformed', line: 0, message, torn: false, whole: true };
}

/**
 * One line of the log (its `\r` already cut) judged alone: the event it holds, why it is
 * malformed, or undefined for the blank tail of an interrupted append. Its place in the chain
 * is the caller's (`chainIssue`).
 * @internal
 */
export function judgeAuditLine(
  lineText: string,
  line: number,
  torn: boolean,
): AuditEvent | AuditIssue | undefined {
  if (lineText.trim() === '')
    return torn ? undefined : { kind: 'malformed', line, message: 'empty line in the audit log', torn };
  if (lineText.length > LIMITS.auditLog.lineChars) {
    const message = `the line is ${megabytes(lineText.length)}, more than one event may be (${megabytes(LIMITS.auditLog.lineChars)})`;
    return { kind: 'malformed', line, message, torn };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(lineText);
  } catch {
    return {
      kind: 'malformed',
      line,
      message: torn ? 'the last line is cut off (an interrupted write)' : 'the line is not valid JSON',
      torn,
    };
  }
  if (isAuditEvent(raw)) return raw;
  const parsed = auditEventSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // A failed parse has at least one issue.
  const first = parsed.error.issues[0]!;
  const where = first.path.length > 0 ? `\`${first.path.join('.')}\` ` : '';
  return {
    kind: 'malformed',
    line,
    message: `the line is not an audit event: ${where}${first.message}`,
    torn,
  };
}

/**
 * A valid line whose `prev` is not the hash of the valid line before it; `first` when no valid
 * line came before it.
 * @internal
 */
export function chainIssue(line: number, first: boolean): AuditIssue {
  return {
    kind: 'chain',
    line,
    message: first
      ? 'the first entry does not start the chain: an earlier entry was deleted'
      : 'this entry does not chain to the entry before it: an entry was deleted, edited or reordered',
  };
}

/**
 * What the record's `audit_head` says about the log's entries: missing, or entries after it.
 * @internal
 */
export function headIssues(entries: readonly AuditEntry[], expectedHead: string | undefined): AuditIssue[] {
  if (expectedHead === undefined) return [];
  const at = entries.findIndex((e) => e.hash === expectedHead);
  return headIssuesAt(at, entries.length, entries[at + 1]?.line);
}

/**
 * `headIssues` from where the head was found: `at`, the index of the first entry whose hash is
 * the record's `audit_head` (-1: none), of `count` entries; `nextLine`, the line of the entry after it
 * (undefined when it is the last).
 * @internal
 */
export function headIssuesAt(at: number, count: number, nextLine: number | undefined): AuditIssue[] {
  if (at === -1) {
    return [
      {
        kind: 'head-missing',
        message:
          count === 0
            ? "the record's audit_head names an entry but the audit log is empty: it was truncated"
            : "the record's audit_head matches no entry: the log's tail was truncated or edited",
      },
    ];
  }
  if (nextLine === undefined) return [];
  const after = count - 1 - at;
  return [
    {
      kind: 'head-behind',
      line: nextLine,
      count: after,
      message: `${after} entr${after === 1 ? 'y was' : 'ies were'} logged after the record was last written: a promote or rollback was interrupted (or is running)`,
    },
  ];
}
