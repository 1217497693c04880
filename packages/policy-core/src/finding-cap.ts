import type { Finding, Severity } from './finding.js';

/**
 * How many findings of one rule one file lists. Past it, one summary finding stands for the
 * rest: 150,000 AUD001 findings for a corrupted audit log help nobody, and an editor or a CI
 * annotation view stops responding long before it shows them all.
 */
export const FINDINGS_PER_RULE_PER_FILE = 100;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Keeps the first `limit` findings of each rule in each file (in the order given, which is the
 * report's order) and replaces the others with one finding "…and N more", placed at the first
 * one left out, with the most severe severity among those left out.
 */
export function capFindings(findings: readonly Finding[], limit = FINDINGS_PER_RULE_PER_FILE): Finding[] {
  const counts = new Map<string, number>();
  let over = false;
  for (const f of findings) {
    const key = `${f.rule}\u0000${f.file}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n > limit) over = true;
  }
  if (!over) return findings as Finding[];
  const seen = new Map<string, number>();
  const summaries = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.rule}\u0000${f.file}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n <= limit) {
      out.push(f);
      continue;
    }
    const summary = summaries.get(key);
    if (summary) {
      if (RANK[f.severity] < RANK[summary.severity]) summary.severity = f.severity;
      continue;
    }
    const more = (counts.get(key) as number) - limit;
    const s: Finding = {
      rule: f.rule,
      severity: f.severity,
      message: `…and ${more.toLocaleString('en-US')} more ${f.rule} findings in ${f.file}, not listed (only the first ${limit} of a rule in a file are); fix the ones above and check again.`,
      file: f.file,
      range: f.range,
    };
    summaries.set(key, s);
    out.push(s);
  }
  return out;
}
