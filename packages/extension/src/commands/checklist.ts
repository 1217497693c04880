import type { PromotePlan, StepOutcome, Wire } from '@slipway/lsp/protocol';

/** One line per check, as a modal dialog's detail shows it: ✓ or ✗, the check, what was found. */
export function checklist(steps: readonly StepOutcome[]): string {
  return steps.map((c) => `${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`).join('\n');
}

/** The preflight of a promote: the checks, then what will run and whether a person approves. */
export function preflight(plan: Wire<PromotePlan>): string {
  const lines = [checklist(plan.checks)];
  if (plan.pinned)
    lines.push(
      `✗ production is pinned to ${plan.pinned.sha.slice(0, 12)}${plan.pinned.reason ? ` (${plan.pinned.reason})` : ''}`,
    );
  if (plan.guard)
    lines.push(
      `${plan.guard.blocked ? '✗' : '✓'} deploy guard on ${plan.shortSha}: ${plan.guard.findings.length} finding(s)${plan.guard.blocked ? ', blocks the deploy' : ''}`,
    );
  lines.push(
    '',
    `deploy: ${plan.deployCommand ? plan.deployCommand.join(' ') : '(no command: health checks only)'}`,
    ...plan.health.map((h) => `health: ${h.url}`),
  );
  if (plan.lockHolder) lines.push(`lock held by ${plan.lockHolder}`);
  for (const w of plan.warnings) lines.push(`note: ${w}`);
  return lines.join('\n');
}
