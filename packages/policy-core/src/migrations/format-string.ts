import type { SyntaxNode } from '@lezer/common';
import { decodePythonString } from './python-string.js';

// The value of an f-string whose every replacement is known (`f"{revision}_upgrade.sql"` with
// `revision = "3b7c2e9d41a0"`): what a file read's path is built from (sql-load-path.ts). A
// replacement with a conversion (`!r`), a format spec (`:03d`) or `=` is not followed: what it
// prints depends on more than the string.

const OPENING = /^([A-Za-z]*)("""|'''|"|')/;

/**
 * The f-string `node`'s value, each `{expr}` replaced by `part(expr)`; undefined when a
 * replacement is not a plain expression or `part` does not know it.
 */
export function formatStringValue(
  node: SyntaxNode,
  src: string,
  part: (expr: SyntaxNode) => string | undefined,
): string | undefined {
  const opening = OPENING.exec(src.slice(node.from, Math.min(node.to, node.from + 8)));
  if (!opening) return undefined;
  const [open, prefix = '', quote = ''] = opening;
  const raw = prefix.toLowerCase().includes('r');
  const end = node.to - quote.length;
  let out = '';
  let at = node.from + open.length;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'FormatReplacement') continue; // escapes are read with the text around them
    const text = chunk(src.slice(at, c.from), raw);
    const expr = c.firstChild?.nextSibling;
    const close = expr?.nextSibling;
    if (text === undefined || !expr || close?.name !== '}' || close.to !== c.to) return undefined;
    const value = part(expr);
    if (value === undefined) return undefined;
    out += text + value;
    at = c.to;
  }
  const tail = chunk(src.slice(at, end), raw);
  return tail === undefined ? undefined : out + tail;
}

/** Literal text between replacements: `{{` and `}}` are braces, escapes as in any string. */
function chunk(text: string, raw: boolean): string | undefined {
  // A leading character keeps a text starting with quotes from reading as a triple quote.
  const decoded = decodePythonString(`${raw ? 'r' : ''}"_${text}"`, 0)?.value.slice(1);
  return decoded?.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}
