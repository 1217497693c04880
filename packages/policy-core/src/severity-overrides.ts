import type { Finding, Severity } from './finding.js';

const OVERRIDES = new Set(['off', 'error', 'warning', 'info']);

/** Applies the policy's `rules:` section: a severity per rule id, or `off` to drop its findings. */
export function applySeverityOverrides(findings: Finding[], rules: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const o = rules[f.rule];
    if (typeof o !== 'string' || !OVERRIDES.has(o)) out.push(f);
    else if (o !== 'off') out.push(o === f.severity ? f : { ...f, severity: o as Severity });
  }
  return out;
}
