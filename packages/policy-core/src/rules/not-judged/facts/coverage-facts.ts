import { describeUnjudged } from '../../../layouts/coverage.js';
import type { LayoutKind } from '../../../layouts/layout-entry.js';
import type { UnjudgedLayout } from '../../../layouts/unjudged-layouts.js';
import type { Finding } from '../../../finding.js';
import { type AnyRule, type CheckContext, findingOf } from '../../../rule.js';

/** What the COV rules read: the check's context and the layouts present and not judged, once. */
export interface CoverageRun {
  ctx: CheckContext;
  layouts: UnjudgedLayout[];
}

const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * One finding per layout of `kind` not judged, at its first file (the first unread one when none
 * was read): what was seen, that no rule read it, and what a team can do.
 */
export function unjudgedFindings(
  rule: Pick<AnyRule, 'id' | 'defaultSeverity'>,
  run: CoverageRun,
  kind: LayoutKind,
): Finding[] {
  return run.layouts
    .filter((l) => l.entry.kind === kind)
    .map((l) => {
      const file = l.files[0] ?? l.unread[0]?.path ?? run.ctx.policy.file;
      const them = l.files.length + l.unread.length === 1 ? 'it' : 'them';
      const judged = l.entry.judgedBy
        ? `\`${l.entry.judgedBy}\` does not cover ${them}`
        : 'Slipway does not read this layout';
      return findingOf(
        rule,
        file,
        TOP,
        `not judged: ${describeUnjudged(l)}; ${judged}, so no rule ran on ${them} and "No findings" says nothing about ${them}; ${l.entry.advice}.`,
      );
    });
}
