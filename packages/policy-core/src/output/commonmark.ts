import { printable } from './printable.js';

/**
 * What CommonMark itself would read as markup in the repository's text: the base of the two
 * Markdown formats (markdown.ts for what GitHub renders, hover.ts for an editor's hover), which
 * add what their renderer adds. The text is made printable first (one line, no control), then:
 * - `\` `` ` `` `*` `[` `]` `<` `>` `|` `~` `&` are backslash-escaped: no emphasis, code, link,
 *   image, raw HTML or comment (`<!--` would hide everything after it), entity, table cell or
 *   strikethrough can start;
 * - `_` only where it could open or close emphasis: `a_b.py` stays as it is (CommonMark reads
 *   an underscore between letters or digits as text), `_init_.py` does not;
 * - `$(` is escaped, which VS Code would draw as an icon;
 * - a leading `#`, `+`, `-`, `=` or `1.` is escaped, so that text at a line's start is no heading,
 *   list or underline.
 * Every other character (é, 日本語, an emoji) is left as it is.
 */
export function commonMarkText(text: string): string {
  return printable(text)
    .replace(/[\\`*[\]<>|~&]/g, '\\$&')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(/\$(?=\()/g, '\\$')
    .replace(/^[#+=-]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * The text as a code span, which shows it as it is (monospace, no markup, no HTML): fenced by
 * one backtick more than its longest run of backticks, and padded with a space where it starts
 * or ends with a backtick or a space (CommonMark takes one such space off each end). Printable
 * first: a code span is one line, and a control character shows escaped.
 */
export function codeSpan(text: string): string {
  const shown = printable(text);
  if (shown === '') return '';
  const longest = Math.max(0, ...[...shown.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(shown) ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}
