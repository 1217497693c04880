import { type AuditLog, readAuditLog } from './audit-chain.js';

/**
 * `readAuditLog`, remembering the last log it verified. One promote reads the audit log twice:
 * the working tree's (to decide and to append) and, in its guard, the same file as committed in
 * the SHA being shipped, usually the very same bytes. Verifying 10,000 lines is ~50 ms; the
 * answer depends only on the text and the expected head, so the second read is a lookup (one
 * string comparison). Callers get their own top-level object, since a writer updates `lastHash`
 * and `tornTail` after appending; the entries themselves are never modified.
 */
let last: { text: string; expectedHead: string | undefined; log: AuditLog } | undefined;

export function verifiedAuditLog(
  text: string,
  expectedHead?: string,
  hash?: (line: string) => string,
): AuditLog {
  if (last === undefined || last.text !== text || last.expectedHead !== expectedHead)
    last = { text, expectedHead, log: readAuditLog(text, expectedHead, hash) };
  return { ...last.log, entries: [...last.log.entries], issues: [...last.log.issues] };
}
