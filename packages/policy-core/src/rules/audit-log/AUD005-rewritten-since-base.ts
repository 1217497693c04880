import type { ChangeSet } from '../../change-set.js';
import { type AuditEntry, readAuditLog } from '../../deploy/audit-chain.js';
import type { Finding, Range } from '../../finding.js';
import { findingOf, type CheckContext, type ExampleChange } from '../../rule.js';
import {
  AUDIT_LOG_FILE,
  auditLogExample,
  auditSuppressDocs,
  LOG_AFTER_RELEASE,
  LOG_AFTER_ROLLBACK,
  RECORD_AFTER_RELEASE,
  RECORD_AFTER_REWRITE,
  RECORD_AFTER_ROLLBACK,
  RECORD_FILE,
  REWRITTEN_LOG,
} from './facts/examples.js';
import { type AuditFacts, type AuditRule, entriesUnread } from './facts/audit-facts.js';
import { baseLogText, startsWith } from './facts/base-log.js';

/**
 * AUD005: the change removed or changed audit entries the log had at its base. The hash chain
 * (AUD002) only proves the log agrees with itself and with the record's audit_head; a commit
 * that deletes entries and reseals the record (audit_head set to the new last line) leaves a
 * chain that agrees perfectly. What the chain cannot see, the change can: the log at head must
 * begin with the log at base. Trailers do not matter here, since Slipway itself only appends.
 */
export const rewrittenSinceBase: AuditRule = {
  id: 'AUD005',
  name: 'rewritten-since-base',
  family: 'AUD',
  facts: 'audit-log',
  defaultSeverity: 'error',
  title: 'audit log entries were removed or changed since the base',
  docs: {
    what:
      'The change removed or changed audit entries the log had at its base. The hash chain (AUD002) ' +
      "only proves the log agrees with itself and with the record's audit_head; a commit that deletes " +
      'entries and reseals the record (audit_head set to the new last line) leaves a chain that ' +
      'agrees perfectly. What the chain cannot see, the change can: the log at head must begin with ' +
      'the log at base. Trailers do not matter here, since Slipway itself only appends. Only entries ' +
      'count: deleting a malformed or blank line (AUD001, AUD004) is allowed, and closing a torn last ' +
      'line with a newline before the next entry, as Slipway does, is an append.',
    why:
      'The audit log is append-only: Slipway adds lines at its end and never rewrites one. In a ' +
      'change (a pull request, `slipway check --base`), every entry the log had at the base must ' +
      'still be there at head, unchanged and in the same order, before any new one. A change that ' +
      "deletes or edits entries and resets the record's audit_head to the new last line keeps the " +
      "hash chain intact (AUD002 sees nothing), so this rule compares the log with the base's, " +
      'whatever trailers the commits carry. Deleting the log is reported too.',
    fix:
      'Restore the log from the base (`git checkout <base> -- <log>`, and the record if its ' +
      'audit_head was reset) and append new events only through Slipway.',
    suppress: auditSuppressDocs('AUD005'),
    examples: [
      auditLogExample('flagged', REWRITTEN_LOG, RECORD_AFTER_REWRITE, {
        change: changeOnReleaseBase('fix/audit-wording'),
        assumes:
          "where the change edited the reason of both base entries and recomputed the chain and the record's audit_head",
      }),
      auditLogExample('fine', LOG_AFTER_ROLLBACK, RECORD_AFTER_ROLLBACK, {
        change: changeOnReleaseBase('rollback-2025.12.2'),
      }),
    ],
  },
  check({ ctx, log: facts, directory }) {
    if (directory) return [];
    if (!facts) return removedLogFindings(ctx);
    // A log whose entries were not read is AUD001's: read as none, it would look emptied.
    if (entriesUnread(facts)) return [];
    const change = ctx.change;
    const before = change && baseLogText(change, facts.path);
    if (!change || before === undefined) return [];
    if (facts.missing) return removedLog(ctx, change, before);
    // The common case, and the only cost on it: one comparison of the two texts. A torn last
    // line at base that an append closed (`<torn>\n<entry>\n`) is still a prefix. Only a
    // shortcut: divergence() finds no difference in an append either.
    // Stryker disable next-line ConditionalExpression: see above
    if (startsWith(facts.text, before)) return [];
    const found = divergence(ctx, facts, before);
    return found ? [finding(change, facts, found)] : [];
  },
};

/**
 * AUD005 where the audit facts are not read at all: the log is gone at head and the record
 * names no head (a commit that deletes the log and drops audit_head, or the record with it).
 */
function removedLogFindings(ctx: CheckContext): Finding[] {
  const deploy = ctx.policy.policy.deploy;
  const change = ctx.change;
  // No facts: no deploy section, or no file at deploy.audit_log (readAuditFacts).
  if (!deploy || !change) return [];
  const before = baseLogText(change, deploy.audit_log);
  return before === undefined ? [] : removedLog(ctx, change, before);
}

/** Entries of a piece of the log, hashed with the host's SHA-256 (they are not chained here). */
function entriesOf(ctx: CheckContext, text: string): AuditEntry[] {
  return readAuditLog(text, undefined, ctx.sha256).entries;
}

const short = (sha: string) => sha.slice(0, 12);
const entries = (n: number) => `${n} entr${n === 1 ? 'y' : 'ies'}`;
const restore = (change: ChangeSet, path: string) =>
  `restore it from the base (\`git checkout ${short(change.base)} -- ${path}\`, and the record too if its audit_head was reset) and append new events only through Slipway`;

function removedLog(ctx: CheckContext, change: ChangeSet, before: string): Finding[] {
  const deploy = ctx.policy.policy.deploy;
  const count = entriesOf(ctx, before).length;
  if (!deploy || count === 0) return [];
  return [
    {
      rule: rewrittenSinceBase.id,
      severity: rewrittenSinceBase.defaultSeverity,
      message: `The audit log ${deploy.audit_log} was deleted since the base ${short(change.base)}, where it had ${entries(count)}; the log is append-only: ${restore(change, deploy.audit_log)}.`,
      // No file to point into: the policy key that names the log.
      file: ctx.policy.file,
      range: ctx.policy.locate(['deploy', 'audit_log']),
    },
  ];
}

interface Divergence {
  /** Entries the log had at base. */
  total: number;
  /** Of those, how many no longer appear at head (deleted, or edited into something else). */
  lost: number;
  /** The first entry at head that is not the base's entry at that place; undefined: the log ends first. */
  at?: AuditEntry;
}

/**
 * Where the head's entries stop being the base's. Everything before the first differing
 * character is the same text, so only the lines from there on are parsed, and only when the
 * texts differ there at all (the caller has ruled out a plain append).
 */
function divergence(ctx: CheckContext, facts: AuditFacts, before: string): Divergence | undefined {
  const text = facts.text;
  // The shared prefix only saves parsing: stopping at any earlier character (down to the first)
  // gives the same divergence, since the lines before it are the same entries on both sides and
  // are matched again below. So a mutant that shortens it is equivalent, as Stryker is told.
  // Stryker disable next-line all: see above
  const limit = Math.min(before.length, text.length);
  let c = 0;
  // Stryker disable next-line all: see above
  while (c < limit && before.charCodeAt(c) === text.charCodeAt(c)) c++;
  // Stryker disable next-line all: see above
  const lineStart = c === 0 ? 0 : before.lastIndexOf('\n', c - 1) + 1;
  const line = facts.lines.position(lineStart).line;
  const baseTail = entriesOf(ctx, before.slice(lineStart));
  const headEntries = facts.log.entries;
  let first = headEntries.findIndex((e) => e.line >= line);
  if (first === -1) first = headEntries.length;
  let k = 0;
  while (k < baseTail.length && headEntries[first + k]?.text === (baseTail[k] as AuditEntry).text) k++;
  // Only lines that were never entries differ (a blank or malformed line deleted, CRLF endings).
  if (k === baseTail.length) return undefined;
  // Each entry's text holds the hash of the one before it, so no two entries are the same text:
  // the entries before `first` (or before `k`) can never be one of those looked for here.
  // Stryker disable next-line MethodExpression: see above
  const atHead = new Set(headEntries.slice(first).map((e) => e.text));
  // Stryker disable next-line MethodExpression: see above
  const lost = baseTail.slice(k).filter((e) => !atHead.has(e.text)).length;
  const at = headEntries[first + k];
  return { total: first + baseTail.length, lost, ...(at ? { at } : {}) };
}

function finding(change: ChangeSet, facts: AuditFacts, d: Divergence): Finding {
  const base = short(change.base);
  const was = d.lost === 1 ? 'is' : 'are';
  let what: string;
  if (d.lost === 0)
    what = `entries were inserted before or reordered among the ${entries(d.total)} the log had at the base ${base}`;
  else if (!d.at)
    what = `the log ends here, but it had ${entries(d.total)} at the base ${base}: ${d.lost} ${was} missing`;
  else
    what = `line ${d.at.line + 1} is not the entry the log had here at the base ${base}: ${d.lost} of its ${entries(d.total)} ${was} missing or changed`;
  const end = facts.lines.position(facts.text.length);
  const range: Range = d.at ? facts.lines.lineRange(d.at.line) : { start: end, end };
  return findingOf(
    rewrittenSinceBase,
    facts.path,
    range,
    `Audit log entries were removed or changed since the base: ${what}. The log is append-only, whatever trailers the commits carry; ${restore(change, facts.path)}.`,
  );
}

/** The docs examples' change on `branch`: it writes the log and the record over the release's. */
function changeOnReleaseBase(branch: string): ExampleChange {
  return {
    branch,
    labels: [],
    files: [AUDIT_LOG_FILE, RECORD_FILE],
    base: { [AUDIT_LOG_FILE]: LOG_AFTER_RELEASE, [RECORD_FILE]: RECORD_AFTER_RELEASE },
  };
}
