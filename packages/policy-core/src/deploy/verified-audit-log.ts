import { GENESIS_HASH } from './audit-event.js';
import { type AuditLog, headIssues, readAuditLog } from './audit-chain.js';

/**
 * `readAuditLog`, remembering the last log it verified. One promote reads the audit log twice:
 * the working tree's (to decide and to append) and, in its guard, the same file as committed in
 * the SHA being shipped. That is usually the very same bytes, or an earlier state of them: the
 * log is append-only, and the SHA predates the entries written since (its staging verification,
 * say). Verifying 10,000 lines is ~50 ms, and the answer depends only on the text and the
 * expected head. The same text is a lookup. The same text with another head, or a whole-line
 * prefix of the text verified, has the same lines, hashes and per-line issues: only its head is
 * judged again.
 * Callers get their own top-level object, since a writer updates `lastHash` and `tornTail`
 * after appending; the entries themselves are never modified.
 * One per Workspace (the checks' and a deploy operation's), never shared at module level: it
 * holds a whole log's text.
 */
export class VerifiedAuditLogs {
  private last: { text: string; expectedHead: string | undefined; log: AuditLog } | undefined;

  verify(text: string, expectedHead?: string, hash?: (line: string) => string): AuditLog {
    const last = this.last;
    if (last?.text === text)
      return last.expectedHead === expectedHead ? copy(last.log) : withHead(last.log, expectedHead);
    // A prefix is answered from the longer log, which stays remembered for the next question.
    const prefix = last && firstLines(last.text, last.log, text);
    if (prefix) return withHead(prefix, expectedHead);
    this.last = { text, expectedHead, log: readAuditLog(text, expectedHead, hash) };
    return copy(this.last.log);
  }
}

function copy(log: AuditLog): AuditLog {
  return { ...log, entries: [...log.entries], issues: [...log.issues] };
}

/** The log with its per-line issues (malformed, chain) and the head judged for `expectedHead`. */
function withHead(log: AuditLog, expectedHead: string | undefined): AuditLog {
  const lineIssues = log.issues.filter((i) => i.kind === 'malformed' || i.kind === 'chain');
  return { ...copy(log), issues: [...lineIssues, ...headIssues(log.entries, expectedHead)] };
}

/**
 * The log of `text` when it is the first lines of `longer` (ending at a line break), taken from
 * `longer`'s verification: its entries and issues on those lines (head issues are the caller's).
 * Undefined when `text` is not such a prefix.
 */
function firstLines(longer: string, longerLog: AuditLog, text: string): AuditLog | undefined {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a quick no only: a text as long as `longer` or longer is its prefix only when equal, which the one caller answers before asking
  if (text.length >= longer.length) return undefined;
  if ((text !== '' && !text.endsWith('\n')) || !longer.startsWith(text)) return undefined;
  let lineCount = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCount++;
  const entries = longerLog.entries.filter((e) => e.line < lineCount);
  return {
    entries,
    issues: longerLog.issues.filter((i) => 'line' in i && i.line < lineCount),
    lastHash: entries[entries.length - 1]?.hash ?? GENESIS_HASH,
    tornTail: false,
    lineCount,
  };
}
