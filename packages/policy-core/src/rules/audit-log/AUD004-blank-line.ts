import { findingOf } from '../../rule.js';
import type { Finding } from '../../finding.js';
import { type AuditFacts, type AuditRule, isBlankLine } from './facts/audit-facts.js';
import {
  auditLog,
  auditLogExample,
  auditSuppressDocs,
  LOG_AFTER_RELEASE,
  RECORD_AFTER_RELEASE,
  RELEASE_STARTED,
  RELEASE_SUCCEEDED,
} from './facts/examples.js';

/**
 * The log's blank lines, as runs of consecutive line numbers. The chain reader reports every
 * terminated blank line as malformed, so those are found without scanning the log again; an
 * unterminated whitespace-only last line it skips, so that one is looked at here.
 */
function blankRuns(facts: AuditFacts): number[][] {
  // A whole-file issue (refused unread) stands on an empty text: line 1 is not a blank line.
  const blank = facts.log.issues.flatMap((i) =>
    i.kind === 'malformed' && !i.whole && isBlankLine(facts, i.line) ? [i.line] : [],
  );
  const lastLine = facts.lines.lineCount - 1;
  if (facts.text !== '' && !facts.text.endsWith('\n') && isBlankLine(facts, lastLine)) blank.push(lastLine);
  // In line order: the reader reports issues top to bottom, and the last line comes last.
  const runs: number[][] = [];
  for (const line of blank) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === line - 1) run.push(line);
    else runs.push([line]);
  }
  return runs;
}

/** Whether the first entry after `line` breaks the chain (AUD002 reports it). */
function chainBreaksAfter(facts: AuditFacts, line: number): boolean {
  // Stryker disable next-line EqualityOperator: `line` is a blank line, never an entry's
  const next = facts.log.entries.find((e) => e.line > line);
  return next !== undefined && facts.log.issues.some((i) => i.kind === 'chain' && i.line === next.line);
}

/**
 * AUD004: a blank line in the audit log. It holds no event, so the chain skips it; it is noise a
 * hand edit, an editor or a merge leaves. Slipway's own appends go after it (a whitespace-only
 * unterminated last line is closed first), which moves a trailing blank line between entries:
 * so the rule weighs a blank line the same wherever it is, a warning, and lets the chain (AUD002)
 * say whether anything was removed there.
 */
export const blankLine: AuditRule = {
  id: 'AUD004',
  name: 'blank-line',
  family: 'AUD',
  facts: 'audit-log',
  defaultSeverity: 'warning',
  title: 'blank line in the audit log',
  docs: {
    what: 'A blank (empty or whitespace-only) line in the audit log.',
    why:
      'Every line of the audit log is one JSON event; a blank line holds none, and the hash chain ' +
      'skips it, so it hides nothing by itself: whether an entry was removed where it stands is what ' +
      'AUD002 checks (the entry after it must chain to the one before it). It is left by a hand edit, ' +
      "an editor's extra newline or a merge, and Slipway's next append goes after it (closing a " +
      'whitespace-only unterminated last line first), moving a trailing blank line between entries; ' +
      'so a blank line weighs the same wherever it is, a warning.',
    fix: 'Delete the line.',
    suppress: auditSuppressDocs('AUD004'),
    examples: [
      auditLogExample('flagged', auditLog(RELEASE_STARTED, '', RELEASE_SUCCEEDED), RECORD_AFTER_RELEASE),
      auditLogExample('fine', LOG_AFTER_RELEASE, RECORD_AFTER_RELEASE),
    ],
  },
  check({ log: facts, directory }) {
    if (directory || !facts) return [];
    const lastEntryLine = facts.log.entries[facts.log.entries.length - 1]?.line ?? -1;
    const out: Finding[] = [];
    for (const run of blankRuns(facts)) {
      const first = run[0] as number;
      const last = run[run.length - 1] as number;
      const which = run.length === 1 ? `line ${first + 1} is` : `lines ${first + 1}–${last + 1} are`;
      // A blank line is never an entry's line: `<` and `<=`, `>` and `>=` agree in these tests.
      // Stryker disable EqualityOperator
      let why: string;
      if (first > lastEntryLine)
        why =
          'no entry follows it, so it is harmless, but the next promote or rollback appends after it and leaves it between entries';
      else if (chainBreaksAfter(facts, last))
        why =
          'the entry after it does not chain to the one before it (AUD002): an entry may have been removed here';
      else if (first < (facts.log.entries[0]?.line ?? 0))
        why = 'the entry after it still starts the chain, so no entry was removed here';
      else why = 'the entries around it chain to each other, so no entry was removed here';
      // Stryker restore EqualityOperator
      out.push(
        findingOf(
          this,
          facts.path,
          { start: { line: first, character: 0 }, end: facts.lines.lineRange(last).end },
          `Audit log ${which} blank: ${why}; delete ${run.length === 1 ? 'it' : 'them'}.`,
        ),
      );
    }
    return out;
  },
};
