import type { Finding, Severity } from './finding.js';

/**
 * How many findings of one rule one file lists. Past it, one summary finding stands for the
 * rest: 150,000 AUD001 findings for a corrupted audit log help nobody, and an editor or a CI
 * annotation view stops responding long before it shows them all.
 */
export const FINDINGS_PER_RULE_PER_FILE = 100;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** One rule's findings in one file: how many there are, how many are listed, what stands for the rest. */
interface Group {
  total: number;
  listed: number;
  summary?: Finding;
}

/**
 * Findings grouped by rule, then by file: two lookups of strings the rules already hold, and
 * none when a finding is in the group of the one before it (a rule's findings in a file come
 * together). A `${rule}\0${file}` key per finding cost 150,000 strings for one big migration.
 */
class Groups {
  private readonly byRule = new Map<string, Map<string, Group>>();
  private lastRule = '';
  private lastFile = '';
  private last: Group | undefined;

  of(f: Finding): Group {
    if (this.last && f.rule === this.lastRule && f.file === this.lastFile) return this.last;
    let byFile = this.byRule.get(f.rule);
    if (!byFile) {
      byFile = new Map();
      this.byRule.set(f.rule, byFile);
    }
    let group = byFile.get(f.file);
    if (!group) {
      group = { total: 0, listed: 0 };
      byFile.set(f.file, group);
    }
    this.lastRule = f.rule;
    this.lastFile = f.file;
    this.last = group;
    return group;
  }
}

/**
 * Keeps the first `limit` findings of each rule in each file (in the order given, which is the
 * report's order) and replaces the others with one finding "…and N more", placed at the first
 * one left out, with the most severe severity among those left out.
 */
export function capFindings(findings: readonly Finding[], limit = FINDINGS_PER_RULE_PER_FILE): Finding[] {
  const groups = new Groups();
  let over = false;
  for (const f of findings) if (++groups.of(f).total > limit) over = true;
  if (!over) return findings as Finding[];
  const out: Finding[] = [];
  for (const f of findings) {
    const group = groups.of(f);
    if (group.listed < limit) {
      group.listed++;
      out.push(f);
      continue;
    }
    const summary = group.summary;
    if (summary) {
      if (RANK[f.severity] < RANK[summary.severity]) summary.severity = f.severity;
      continue;
    }
    const more = group.total - limit;
    group.summary = {
      rule: f.rule,
      severity: f.severity,
      message: `…and ${more.toLocaleString('en-US')} more ${f.rule} findings in ${f.file}, not listed (only the first ${limit} of a rule in a file are); fix the ones above and check again.`,
      file: f.file,
      range: f.range,
      unlisted: more,
    };
    out.push(group.summary);
  }
  return out;
}
