import type { SuppressedFinding } from '../check-scope.js';
import { type Finding, groupByFile } from '../finding.js';
import type { RuleMeta } from '../rule-meta.js';
import { commentPrefix, type SuppressionDirective } from './directives.js';
import { fileDirectives } from './file-directives.js';
import { FindingsByLine } from './findings-by-line.js';
import type { JudgedPolicyWaiver } from './policy-waivers.js';
import { waiverStatus } from './waiver-status.js';
import type { RefuseDirective } from './self-granted.js';
import { suppressibleInCode } from './suppressible.js';

/** One `slipway: allow` comment as the suppression rules (SUP001, SUP002) judge it. */
export interface JudgedDirective {
  file: string;
  /** `#` or `--`: the comment syntax it was written in. */
  prefix: string;
  directive: SuppressionDirective;
  /**
   * Rules it names that suppress nothing, in the order written: `unknown` when no rule of the
   * registry has the id, `unsuppressible` when the rule's findings cannot be lifted by a comment
   * (see suppressible.ts), else the rule reports nothing on the directive's target line.
   */
  stale: { rule: string; unknown: boolean; unsuppressible?: true }[];
  /** Its `until` day has passed (now is after the end of that day, UTC): it lifts nothing. */
  expired?: true;
  /** It has no `until`, or one further off than the policy's `max_waiver_days`: it lifts nothing. */
  tooLong?: { maxDays: number };
}

/**
 * What the SUP rules read: every directive of the checked files, judged against the findings,
 * and the governing policy's `waivers:` entries (SUP003, SUP004 judge both alike).
 */
export interface SuppressionRun {
  directives: JudgedDirective[];
  policyWaivers: JudgedPolicyWaiver[];
}

/**
 * Removes findings covered by a `slipway: allow RULE -- reason` comment, and judges each comment
 * for the suppression rules: a malformed one or one without a reason suppresses nothing (SUP002),
 * and one naming an unknown rule or a rule with nothing to suppress is stale (SUP001); one past
 * its `until` day (SUP003) or longer than the policy's `max_waiver_days` (SUP004) lifts nothing
 * (waiver-status.ts). A directive covers findings in its file that start on its target line.
 */
export function applySuppressions(
  findings: Finding[],
  files: Iterable<string>,
  read: (file: string) => string | undefined,
  /** The rules a directive may name, by id. */
  known: ReadonlyMap<string, Pick<RuleMeta, 'suppressible'>>,
  opts: {
    /** Says why a directive must not suppress (an agent's own, see selfGrantedGuard). */
    refuse?: RefuseDirective;
    /** The check's clock: a waiver whose `until` day is over lifts nothing. */
    now?: Date;
    /** The policy's `max_waiver_days`: a waiver must end within that many days of `now`. */
    maxWaiverDays?: number;
  } = {},
): { kept: Finding[]; run: SuppressionRun; suppressed: SuppressedFinding[] } {
  const { refuse, now = new Date(), maxWaiverDays } = opts;
  const byFile = groupByFile(findings);
  const suppressed = new Map<Finding, string>();
  // Findings a refused directive names: they stand, and say why the comment did not count.
  const notes = new Map<Finding, string>();
  const judged: JudgedDirective[] = [];
  for (const file of files) {
    // Stryker disable next-line ConditionalExpression: spares reading a file that can hold no comment; fileDirectives finds none in it.
    if (!commentPrefix(file)) continue;
    const text = read(file);
    if (text === undefined) continue;
    const inFile = new FindingsByLine(file, byFile.get(file) ?? []);
    for (const { directive: d, prefix, embedded } of fileDirectives(file, text)) {
      const verdict: JudgedDirective = { file, prefix, directive: d, stale: [] };
      judged.push(verdict);
      const status = waiverStatus(d, now, maxWaiverDays);
      if (status.kind === 'malformed') continue;
      const expired = status.kind === 'expired';
      if (expired) verdict.expired = true;
      const tooLong = status.kind === 'too-long';
      if (status.kind === 'too-long') verdict.tooLong = { maxDays: status.maxDays };
      const where = `the waiver on line ${d.range.start.line + 1}`;
      const refused = expired
        ? `${where} expired on ${d.until}`
        : tooLong
          ? `${where} ${d.until === undefined ? 'has no until day' : `lasts until ${d.until}`}, past max_waiver_days (${maxWaiverDays})`
          : refuse?.(file, text, d);
      const justification = d.until === undefined ? d.reason : `${d.reason} (until ${d.until})`;
      for (const rule of d.rules) {
        const meta = known.get(rule);
        if (!meta) {
          verdict.stale.push({ rule, unknown: true });
          continue;
        }
        if (!suppressibleInCode(meta)) {
          verdict.stale.push({ rule, unknown: false, unsuppressible: true });
          continue;
        }
        const hits = inFile.on(rule, d.targetLine, embedded);
        // An expired or too long waiver is not called stale: SUP003 or SUP004 says what it is.
        if (hits.length === 0 && !expired && !tooLong) verdict.stale.push({ rule, unknown: false });
        for (const h of hits) {
          if (refused) notes.set(h, refused);
          else suppressed.set(h, justification);
        }
      }
    }
  }
  const kept = findings
    .filter((f) => !suppressed.has(f))
    .map((f) => {
      const note = notes.get(f);
      return note ? { ...f, message: `${f.message} (Not suppressed: ${note}.)` } : f;
    });
  return {
    kept,
    run: { directives: judged, policyWaivers: [] },
    suppressed: [...suppressed].map(([finding, justification]) => ({ finding, justification })),
  };
}
