import type { Finding } from '../../../finding.js';

/**
 * The places in `findings` of those of `rules`, by file, in list order: what a fix worked out
 * after the per-file rules (validate-later, expand/contract) starts from.
 */
export function findingsByFile(
  findings: readonly Finding[],
  rules: ReadonlySet<string>,
): Map<string, number[]> {
  const byFile = new Map<string, number[]>();
  for (const [i, f] of findings.entries()) {
    if (!rules.has(f.rule)) continue;
    const at = byFile.get(f.file);
    if (at) at.push(i);
    else byFile.set(f.file, [i]);
  }
  return byFile;
}
