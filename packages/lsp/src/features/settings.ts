import type { Finding, Severity } from '@slipway/policy-core';

/** `slipway.*` settings, pulled from the client per scope (workspace folder or file). */
export interface Settings {
  /** Off: no diagnostics for this scope. */
  enable: boolean;
  /** Editor-only severity overrides on top of the policy's `rules:`, e.g. `{ "POL002": "off" }`. */
  rules: Record<string, 'off' | Severity>;
  /** The policy file, repo-relative; undefined: slipway.yaml, slipway.yml or slipway.toml. */
  policyFile?: string;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {} };

const LEVELS = new Set(['off', 'error', 'warning', 'info']);

/** Accepts whatever the client sent; unknown or malformed values fall back to the defaults. */
export function readSettings(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const r = raw as { enable?: unknown; rules?: unknown; policyFile?: unknown };
  const rules: Settings['rules'] = {};
  if (typeof r.rules === 'object' && r.rules !== null) {
    for (const [id, level] of Object.entries(r.rules)) {
      if (typeof level === 'string' && LEVELS.has(level)) rules[id.toUpperCase()] = level as 'off' | Severity;
    }
  }
  const policyFile =
    typeof r.policyFile === 'string' && r.policyFile.trim() ? r.policyFile.trim() : undefined;
  return { enable: r.enable !== false, rules, ...(policyFile ? { policyFile } : {}) };
}

export function applySettings(findings: readonly Finding[], settings: Settings): Finding[] {
  if (!settings.enable) return [];
  const out: Finding[] = [];
  for (const f of findings) {
    const level = settings.rules[f.rule];
    if (level === undefined) out.push(f);
    else if (level !== 'off') out.push(level === f.severity ? f : { ...f, severity: level });
  }
  return out;
}
