import {
  jsonText,
  markdownCode,
  markdownText,
  printable,
  RULE_IDS,
  type Waiver,
  type WaiverStatus,
} from '@slipway/policy-core';

export const WAIVER_FORMATS = ['text', 'json', 'markdown'] as const;
export type WaiverFormat = (typeof WAIVER_FORMATS)[number];

const DAY = 86_400_000;

/** Where a waiver stands, in words: "until 2027-01-31 (67 days left)", "expired 2001-01-31 (SUP003)". */
function standing(w: Waiver): string {
  const s: WaiverStatus = w.status;
  switch (s.kind) {
    case 'active':
      return `until ${w.until} (${s.daysLeft} day${s.daysLeft === 1 ? '' : 's'} left)`;
    case 'open-ended':
      return 'no end';
    case 'expired':
      return `expired ${w.until} (${RULE_IDS.expiredWaiver})`;
    case 'too-long':
      return `${w.until ? `until ${w.until}` : 'no end'}: past max_waiver_days ${s.maxDays} (${RULE_IDS.waiverTooLong})`;
    case 'malformed':
      return `malformed, lifts nothing (${RULE_IDS.suppressionWithoutReason})`;
  }
}

function age(written: Date | undefined, now: Date): string {
  if (!written) return 'not committed';
  const days = Math.floor((now.getTime() - written.getTime()) / DAY);
  return `written ${written.toISOString().slice(0, 10)} (${days} day${days === 1 ? '' : 's'} ago)`;
}

/** A policy waiver's files and approver, after its reason: " (policy waiver for db/**, approved by ana)". */
function granted(w: Waiver): string {
  return w.policy
    ? ` (policy waiver for ${w.policy.paths.join(', ')}, approved by ${w.policy.approvedBy})`
    : '';
}

function summary(waivers: readonly Waiver[]): string {
  const count = new Map<string, number>();
  for (const w of waivers) count.set(w.status.kind, (count.get(w.status.kind) ?? 0) + 1);
  const parts = (['active', 'open-ended', 'expired', 'too-long', 'malformed'] as const)
    .filter((k) => count.has(k))
    .map((k) => `${count.get(k)} ${k === 'open-ended' ? 'without an end' : k}`);
  return `${waivers.length} waiver${waivers.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}

/** One line per waiver (text), a table for a pull request (markdown), or data (json). */
export function renderWaivers(
  format: WaiverFormat,
  waivers: readonly Waiver[],
  written: ReadonlyMap<Waiver, Date>,
  now: Date,
): string {
  if (format === 'json')
    return `${jsonText({
      waivers: waivers.map((w) => ({
        file: w.file,
        line: w.line,
        rules: w.rules,
        reason: w.reason,
        ...(w.until ? { until: w.until } : {}),
        ...(w.policy ? { policyWaiver: w.policy } : {}),
        status: w.status.kind,
        ...(w.status.kind === 'active' ? { daysLeft: w.status.daysLeft } : {}),
        ...(written.has(w) ? { written: written.get(w)?.toISOString() } : {}),
      })),
    })}\n`;
  if (format === 'markdown') {
    // A path, a reason and an approver are the repository's text: the markdown format's
    // escaping keeps each in its cell, with no markup, comment, mention or link of its own.
    const rows = waivers.map(
      (w) =>
        `| ${markdownCode(`${w.file}:${w.line}`)} | ${markdownText(w.rules.join(', '))} | ${markdownText(standing(w))} | ${markdownText(age(written.get(w), now))} | ${markdownText(w.reason + granted(w))} |`,
    );
    return `${['### Slipway waivers', '', '| where | rules | standing | written | reason |', '| --- | --- | --- | --- | --- |', ...rows, '', summary(waivers)].join('\n')}\n`;
  }
  // Paths, rules and reasons are the repository's text: escaped, so none of their bytes
  // reaches the terminal as a control sequence.
  const lines = waivers.map((w) =>
    printable(
      `${w.file}:${w.line}  ${w.rules.join(',')}  ${standing(w)}  ${age(written.get(w), now)}  -- ${w.reason + granted(w)}`,
    ),
  );
  return `${[...lines, summary(waivers)].join('\n')}\n`;
}
