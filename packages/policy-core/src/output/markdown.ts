import { type CheckScope, scopeLines } from '../check-scope.js';
import type { Finding } from '../finding.js';
import { printedRange } from './locations.js';
import { printable } from './printable.js';
import { summarize } from './summary.js';

/**
 * Rows a summary lists before it says how many more there are. GitHub shows a job summary of up
 * to 1 MiB; a few hundred rows are what a person reads, the rest is in the SARIF and annotations.
 */
export const MARKDOWN_ROWS = 200;

/** A table cell: one line, no pipes or markup that would break the table. */
function cell(text: string): string {
  return printable(text)
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/**
 * Markdown for a CI job summary (`$GITHUB_STEP_SUMMARY`): the verdict, counts, and one table row
 * per finding (severity, rule, where, what), errors first as the findings come sorted.
 */
export function renderMarkdown(
  findings: readonly Finding[],
  filesChecked: number,
  title = 'Slipway',
  scope?: CheckScope,
): string {
  const s = summarize(findings, filesChecked);
  const verdict = s.errors > 0 ? '❌ blocked' : '✅ passed';
  const lines = [
    `## ${cell(title)}: ${verdict}`,
    '',
    `${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info in ${s.filesChecked} file(s) checked.`,
  ];
  for (const line of scopeLines(scope)) lines.push('', cell(line));
  if (findings.length > 0) {
    lines.push('', '| severity | rule | where | finding |', '| --- | --- | --- | --- |');
    for (const f of findings.slice(0, MARKDOWN_ROWS)) {
      const r = printedRange(f.range);
      lines.push(`| ${f.severity} | ${f.rule} | ${cell(`${f.file}:${r.line}`)} | ${cell(f.message)} |`);
    }
    if (findings.length > MARKDOWN_ROWS)
      lines.push(
        '',
        `…and ${findings.length - MARKDOWN_ROWS} more (see the annotations or the SARIF report).`,
      );
  }
  return `${lines.join('\n')}\n`;
}
