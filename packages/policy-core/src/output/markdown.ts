import { type CheckScope, scopeLines } from '../check-scope.js';
import { coverageLine } from '../layouts/coverage.js';
import type { Finding } from '../finding.js';
import { printedRange } from './locations.js';
import { codeSpan, commonMarkText } from './commonmark.js';
import { summarize } from './summary.js';

/**
 * Rows a summary lists before it says how many more there are. GitHub shows a job summary of up
 * to 1 MiB; a few hundred rows are what a person reads, the rest is in the SARIF and annotations.
 */
export const MARKDOWN_ROWS = 200;

/**
 * The markdown format's escaping: the repository's text in Markdown that GitHub renders (a job
 * summary, a pull request comment, a table cell or a paragraph). CommonMark's markup is escaped
 * (commonmark.ts), and what GitHub adds on top of it is broken with a zero-width space, as
 * Renovate's sanitizeMarkdown does: an `@name` would notify a person or a team, a `#123` would
 * link an issue, a bare `http://…` or `www.…` would become a link (GitHub's extended
 * autolinks), a `:name:` an emoji. An `@` inside a word (an e-mail address) is no mention and
 * stays as it is.
 */
export function markdownText(text: string): string {
  // One pass: the `#` of an inserted `&#8203;` must not be read as the start of an issue link.
  return commonMarkText(text).replace(GITHUB_MARKUP, '$&&#8203;');
}

/**
 * After each match a zero-width space: a mention, an issue number, an autolink, an emoji code
 * (a name begins with a letter, `+` or `-`, so a time such as 10:30:00 is left alone; the
 * backslash is commonmark.ts's escape of a name's `_`).
 */
const GITHUB_MARKUP =
  /(?<![\p{L}\p{N}_`])@(?=[\p{L}\p{N}_])|#(?=\d)|(?<=\b(?:https?|ftp)):(?=\/\/)|(?<![\p{L}\p{N}_])w(?=ww\.)|:(?=[\p{L}+-][\p{L}\p{N}_+\\-]*:)/giu;

/**
 * The repository's text as a code span in a table cell of GitHub Markdown: shown as it is,
 * monospace, and no mention or link inside. A `|` is `\|` there (GFM splits the row at pipes
 * before it reads code spans, and puts the pipe back).
 */
export function markdownCode(text: string): string {
  return codeSpan(text).replace(/\|/g, '\\|');
}

const cell = markdownText;

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
  const coverage = coverageLine(scope?.coverage);
  if (coverage) lines.push('', cell(coverage));
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
