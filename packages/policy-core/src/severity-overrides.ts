import type { Finding, Severity } from './finding.js';

const OVERRIDES = new Set(['off', 'error', 'warning', 'info']);

/**
 * A `rules:` value as the engine applies it: one of the four words, or undefined for anything
 * else (`[off]`, `loud`), which overrides nothing (POL003 reports it).
 */
export function severityOverride(value: unknown): Severity | 'off' | undefined {
  return typeof value === 'string' && OVERRIDES.has(value) ? (value as Severity | 'off') : undefined;
}

/** Applies the policy's `rules:` section: a severity per rule id, or `off` to drop its findings. */
export function applySeverityOverrides(findings: Finding[], rules: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const o = severityOverride(rules[f.rule]);
    if (o === undefined) out.push(f);
    else if (o !== 'off') out.push(o === f.severity ? f : { ...f, severity: o });
  }
  return out;
}
