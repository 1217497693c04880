import { type CheckScope, scopeLines } from '../check-scope.js';
import { coverageLine } from '../layouts/coverage.js';
import type { Finding } from '../finding.js';
import { printedRange } from './locations.js';
import { printable } from './printable.js';
import { summarize } from './summary.js';

/**
 * Human output: `file:line:col: severity RULE message`, related locations indented below; then
 * what was judged (with a scope) and the counts.
 */
export function renderText(findings: readonly Finding[], filesChecked: number, scope?: CheckScope): string {
  const lines: string[] = [];
  for (const f of findings) {
    const r = printedRange(f.range);
    lines.push(printable(`${f.file}:${r.line}:${r.column}: ${f.severity} ${f.rule} ${f.message}`));
    for (const rel of f.related ?? []) {
      const rr = printedRange(rel.range);
      lines.push(printable(`    ${rel.file}:${rr.line}:${rr.column}: ${rel.message}`));
    }
    for (const fix of f.fixes ?? []) lines.push(printable(`    fix available: ${fix.title}`));
  }
  for (const line of scopeLines(scope)) lines.push(printable(line));
  const s = summarize(findings, filesChecked);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(
    findings.length === 0
      ? `No findings (${plural(s.filesChecked, 'file')} checked).`
      : `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')} in ${plural(s.filesChecked, 'file')} checked.`,
  );
  // Last: what was judged, and what was seen and not (a "No findings" says nothing of those).
  const coverage = coverageLine(scope?.coverage);
  if (coverage) lines.push(printable(coverage));
  return `${lines.join('\n')}\n`;
}
