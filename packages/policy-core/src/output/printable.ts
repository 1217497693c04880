/**
 * The text (terminal) format's escaping, which every other format starts from: a file name, a
 * policy value, a waiver reason or a commit subject is the repository's text, and none of its
 * characters may reach a terminal, a log viewer or an editor as a control. Text output is one
 * line per location, so a newline or another C0 control prints escaped, as git quotes such paths
 * (`\n`, `\t`, `\x01`), and so does a C1 control (U+0080..U+009F: U+009B is a CSI to terminals
 * that read 8-bit controls), written `\u009B` so that it never reads as the byte below. A
 * character that reorders or hides text (bidi controls, line separators, as in "Trojan Source")
 * prints as `\u202E`. A byte that was not UTF-8 in git (a lone surrogate U+DC80..U+DCFF, see the
 * node adapter's path-bytes) prints as that byte, `\xE9`, instead of a replacement character.
 * Every other character, é, 日本語 or an emoji, prints as itself.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeChar);
}

/**
 * printable(), but a newline stays one: for the formats whose reader keeps a message's lines
 * apart itself (an annotation's `%0A`, a SARIF message, an editor's diagnostic).
 */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  if (code >= 0xdc80 && code <= 0xdcff) return hex('x', code - 0xdc00, 2);
  // Any other lone surrogate cannot be written as UTF-8 at all.
  if (code >= 0xd800 && code <= 0xdfff) return '\uFFFD';
  return code < 0x80 ? hex('x', code, 2) : hex('u', code, 4);
}

const hex = (prefix: 'x' | 'u', code: number, width: number) =>
  `\\${prefix}${code.toString(16).toUpperCase().padStart(width, '0')}`;
