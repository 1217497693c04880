import type { Finding } from '@slipway/policy-core';
import { groupByFile } from '../workspace/check-state.js';

/** A guard run's verdict as the status item shows it. */
export interface GuardSummary {
  blocked: boolean;
  errors: number;
  warnings: number;
}

/**
 * The findings of the last deploy guard run from the editor, per repository root. The guard
 * adds what the live check cannot see (the database audit), so diagnostics show the union of
 * both until the next guard run or a revalidate.
 */
export class GuardFindings {
  private readonly byRoot = new Map<string, { byFile: Map<string, Finding[]>; summary: GuardSummary }>();

  set(root: string, findings: readonly Finding[], blocked: boolean): void {
    this.byRoot.set(root, {
      byFile: groupByFile(findings),
      summary: {
        blocked,
        errors: findings.filter((f) => f.severity === 'error').length,
        warnings: findings.filter((f) => f.severity === 'warning').length,
      },
    });
  }

  clear(): void {
    this.byRoot.clear();
  }

  summary(root: string): GuardSummary | undefined {
    return this.byRoot.get(root)?.summary;
  }

  /** The live findings of each file plus the guard's that the live check does not have. */
  merge(root: string, live: ReadonlyMap<string, Finding[]>): Map<string, Finding[]> {
    const guard = this.byRoot.get(root)?.byFile;
    if (!guard) return new Map(live);
    const out = new Map(live);
    for (const [file, found] of guard) out.set(file, mergeFindings(live.get(file) ?? [], found));
    return out;
  }
}

function mergeFindings(live: readonly Finding[], guard: readonly Finding[]): Finding[] {
  const key = (f: Finding) => `${f.rule}\0${f.range.start.line}\0${f.range.start.character}\0${f.message}`;
  const seen = new Set(live.map(key));
  return [...live, ...guard.filter((f) => !seen.has(key(f)))];
}
