import {
  type CheckScope,
  type Finding,
  findRule,
  groupByFile,
  printable,
  printedRange,
  coverageLine,
  scopeLines,
  summarize,
} from '@slipway/policy-core';
import type { Paint } from './terminal-style.js';

export interface TerminalReportOptions {
  paint: Paint;
  columns: number;
  /** The text of a repository file, for the code frame (undefined: no frame). */
  textOf(file: string): string | undefined;
  /** What was judged, printed above the counts. */
  scope?: CheckScope | undefined;
}

const SEVERITY_STYLE = { error: 'red', warning: 'yellow', info: 'cyan' } as const;

/**
 * `--format text` for a person at a terminal: findings grouped by file, each with the offending
 * line and a caret under the range, messages wrapped to the terminal's width, severities in
 * colour. Pipes and files keep the one-line-per-finding form (renderText), which scripts parse.
 */
export function renderForTerminal(
  findings: readonly Finding[],
  filesChecked: number,
  opts: TerminalReportOptions,
): string {
  const { paint, columns } = opts;
  const out: string[] = [];
  for (const [file, list] of groupByFile(findings)) {
    out.push(paint('underline', printable(file)));
    const lines = opts.textOf(file)?.split(/\r?\n/);
    for (const f of list) {
      const r = printedRange(f.range);
      const where = `${r.line}:${r.column}`.padEnd(8);
      const head = `  ${paint('dim', where)}${paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(8))}${paint('bold', f.rule.padEnd(8))} `;
      const indent = 2 + 8 + 8 + 8 + 1;
      out.push(
        ...wrap(printable(f.message), columns - indent).map(
          (l, i) => (i === 0 ? head : ' '.repeat(indent)) + l,
        ),
      );
      const frame = lines ? codeFrame(lines, f, columns, paint) : [];
      out.push(...frame);
      for (const rel of f.related ?? []) {
        const rr = printedRange(rel.range);
        out.push(paint('dim', `      ${printable(`${rel.file}:${rr.line}:${rr.column}: ${rel.message}`)}`));
      }
      for (const fix of f.fixes ?? [])
        out.push(paint('green', `      fix available: ${printable(fix.title)}`));
    }
    out.push('');
  }
  out.push(...perRule(findings, paint));
  for (const line of scopeLines(opts.scope)) out.push(paint('dim', printable(line)));
  const s = summarize(findings, filesChecked);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  out.push(
    findings.length === 0
      ? paint('green', `No findings (${plural(s.filesChecked, 'file')} checked).`)
      : `${paint(s.errors ? 'red' : 'reset', plural(s.errors, 'error'))}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')} in ${plural(s.filesChecked, 'file')} checked.`,
  );
  // Last: what was judged, and what was seen and not (a "No findings" says nothing of those).
  const coverage = coverageLine(opts.scope?.coverage);
  if (coverage) out.push(paint('dim', printable(coverage)));
  return `${out.join('\n')}\n`;
}

/**
 * One line per rule, most findings first (ruff's `--statistics`): "    12  MIG037  DDL that blocks
 * writes, without lock_timeout". A long report ends with what it is mostly about.
 */
function perRule(findings: readonly Finding[], paint: Paint): string[] {
  if (findings.length === 0) return [];
  const counts = new Map<string, number>();
  // A capped rule's "…and N more" finding counts as the N it stands for.
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + (f.unlisted ?? 1));
  const rows = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const width = String(rows[0]?.[1] ?? 0).length;
  return [
    ...rows.map(
      ([rule, n]) =>
        `  ${String(n).padStart(width)}  ${paint('bold', rule.padEnd(8))}${printable(findRule(rule)?.title ?? '')}`,
    ),
    '',
  ];
}

/** The finding's line, cut to the width around its start, and a caret line under its range. */
function codeFrame(lines: readonly string[], f: Finding, columns: number, paint: Paint): string[] {
  const text = lines[f.range.start.line];
  if (text === undefined) return [];
  const number = String(f.range.start.line + 1);
  const gutter = `      ${number.padStart(5)} | `;
  const room = Math.max(20, columns - gutter.length);
  const start = Math.min(f.range.start.character, text.length);
  const end =
    f.range.end.line === f.range.start.line
      ? Math.max(start + 1, Math.min(f.range.end.character, text.length))
      : text.length;
  // Long lines: show a window that starts a little before the range.
  const from = start > room - 10 ? start - 10 : 0;
  const shown = printable(text.slice(from, from + room).replace(/\t/g, ' '));
  const caretAt = start - from;
  const caretLen = Math.max(1, Math.min(end - start, room - caretAt));
  return [
    paint('dim', gutter) + shown,
    paint('dim', `${' '.repeat(gutter.length - 2)}| `) +
      ' '.repeat(caretAt) +
      paint('red', '^'.repeat(caretLen)),
  ];
}

/** Words into lines of at most `width` columns (a longer word stands alone). */
function wrap(text: string, width: number): string[] {
  if (width < 20 || text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
