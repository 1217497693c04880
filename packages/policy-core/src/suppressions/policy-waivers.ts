import type { SuppressedFinding } from '../check-scope.js';
import type { Finding, Range } from '../finding.js';
import { PathMatcher } from '../paths/path-matcher.js';
import type { PolicyDocument } from '../policy/document.js';
import type { PolicyWaiver } from '../policy/schema/index.js';
import type { RuleMeta } from '../rule-meta.js';
import { waiverEnd } from '../policy/waiver-day.js';
import { waivableInPolicy } from './suppressible.js';
import { type WaiverStatus, waiverStatus } from './waiver-status.js';

/** One entry of the policy's `waivers:` list as the suppression rules (SUP003, SUP004) judge it. */
export interface JudgedPolicyWaiver {
  /** The policy file that holds it. */
  file: string;
  /** The entry's range in that file (its `- rule:` item). */
  range: Range;
  waiver: PolicyWaiver;
  status: WaiverStatus;
}

/**
 * The policy's `waivers:` entries judged on `now`, as the comments are (waiverStatus: through the
 * end of `until`, UTC; `max_waiver_days` counted from `approved_on`, or from `now` when earlier or
 * absent). The entries are the governing policy's: on a change, the base's, so a change cannot
 * waive its own findings by writing an entry.
 */
export function judgePolicyWaivers(policy: PolicyDocument, now: Date): JudgedPolicyWaiver[] {
  const max = policy.policy.max_waiver_days;
  return (policy.policy.waivers ?? []).map((waiver, i) => {
    const granted = waiver.approved_on === undefined ? undefined : waiverEnd(waiver.approved_on);
    return {
      file: policy.file,
      range: policy.locate(['waivers', i]),
      waiver,
      status: waiverStatus(
        waiver,
        now,
        max,
        granted === undefined ? undefined : new Date(granted.getTime() - 86_400_000),
      ),
    };
  });
}

/**
 * Lifts the findings a policy waiver covers: its rule, in a file its patterns match, while it is
 * active. A finding under a waiver that expired or lasts too long stays, saying which entry did
 * not count (the entry itself is SUP003's or SUP004's). Lifted findings go to SARIF as
 * suppressed externally, with the reason and the approver as the justification.
 */
export function applyPolicyWaivers(
  findings: Finding[],
  judged: readonly JudgedPolicyWaiver[],
  known: ReadonlyMap<string, Pick<RuleMeta, 'family'>>,
): { kept: Finding[]; suppressed: SuppressedFinding[] } {
  // Stryker disable next-line ConditionalExpression: a fast path; with no entry nothing below lifts a finding.
  if (judged.length === 0) return { kept: findings, suppressed: [] };
  const entries = judged
    .filter((j) => {
      const meta = known.get(j.waiver.rule);
      return meta !== undefined && waivableInPolicy(meta);
    })
    .map((j) => ({ j, matcher: new PathMatcher(j.waiver.paths) }));
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const hit = entries.find((e) => e.j.waiver.rule === f.rule && e.matcher.matches(f.file));
    if (!hit) {
      kept.push(f);
      continue;
    }
    const { waiver, status, file, range } = hit.j;
    const where = `the policy waiver at ${file}:${range.start.line + 1}`;
    // The entry that no longer counts goes with the finding, so an editor or SARIF viewer links to it.
    const entry = { file, range, message: `the policy waiver of ${waiver.rule} (${waiver.reason})` };
    const related = [...(f.related ?? []), entry];
    if (status.kind === 'expired')
      kept.push({
        ...f,
        related,
        message: `${f.message} (Not suppressed: ${where} expired on ${waiver.until}.)`,
      });
    else if (status.kind === 'too-long')
      kept.push({
        ...f,
        related,
        message: `${f.message} (Not suppressed: ${where} lasts until ${waiver.until}, past max_waiver_days (${status.maxDays}).)`,
      });
    else
      suppressed.push({
        finding: f,
        justification: `${waiver.reason} (approved by ${waiver.approved_by}, until ${waiver.until}; ${file}:${range.start.line + 1})`,
        kind: 'external',
      });
  }
  return { kept, suppressed };
}
