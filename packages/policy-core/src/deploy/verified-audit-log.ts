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
 */
let last: { text: string; expectedHead: string | undefined; log: AuditLog } | undefined;

export function verifiedAuditLog(
  text: string,
  expectedHead?: string,
  hash?: (line: string) => string,
): AuditLog {
  if (last?.text === text) {
    if (last.expectedHead === expectedHead) return copy(last.log);
    const lineIssues = last.log.issues.filter((i) => i.kind === 'malformed' || i.kind === 'chain');
    return { ...copy(last.log), issues: [...lineIssues, ...headIssues(last.log.entries, expectedHead)] };
  }
  // A prefix is answered from the longer log, which stays remembered for the next question.
  const derived = last && fromLongerLog(last.text, last.log, text, expectedHead);
  if (derived) return derived;
  last = { text, expectedHead, log: readAuditLog(text, expectedHead, hash) };
  return copy(last.log);
}

function copy(log: AuditLog): AuditLog {
  return { ...log, entries: [...log.entries], issues: [...log.issues] };
}

/**
 * The log of `text` when it is the first lines of `longer` (ending at a line break), from
 * `longer`'s verification: its entries and per-line issues on those lines, and the head judged
 * anew. Undefined when `text` is not such a prefix.
 */
function fromLongerLog(
  longer: string,
  longerLog: AuditLog,
  text: string,
  expectedHead: string | undefined,
): AuditLog | undefined {
  if (text.length >= longer.length || (text !== '' && !text.endsWith('\n')) || !longer.startsWith(text))
    return undefined;
  let lineCount = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCount++;
  const entries = longerLog.entries.filter((e) => e.line < lineCount);
  const lineIssues = longerLog.issues.filter(
    (i) => (i.kind === 'malformed' || i.kind === 'chain') && i.line < lineCount,
  );
  return {
    entries,
    issues: [...lineIssues, ...headIssues(entries, expectedHead)],
    lastHash: entries[entries.length - 1]?.hash ?? GENESIS_HASH,
    tornTail: false,
    lineCount,
  };
}
