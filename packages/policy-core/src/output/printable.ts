/**
 * Text output is one line per location, so a file name (or a message quoting one) that holds a
 * newline or another control character is printed escaped, as git quotes such paths (`\n`,
 * `\t`, `\x01`). A byte that was not UTF-8 in git (a lone surrogate U+DC80..U+DCFF, see the node
 * adapter's path-bytes) prints as that byte, `\xE9`, instead of a replacement character.
 */
export function printable(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    escapeChar,
  );
}

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  const byte = code >= 0xdc80 && code <= 0xdcff ? code - 0xdc00 : code;
  // Any other lone surrogate cannot be written as UTF-8 at all.
  if (code >= 0xd800 && byte === code) return '\uFFFD';
  return `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}
