/**
 * Python's whitespace, as `str.isspace()` and a str pattern's `\s` (Unicode's White_Space,
 * plus the ASCII separators 0x1C–0x1F): what pip's line reader strips and what packaging's
 * tokenizer skips. Not JavaScript's `\s`, which also takes U+FEFF (a byte order mark) as space,
 * where Python reads it as part of the text.
 */
export function isPySpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 28 && c <= 31) ||
    c === 133 ||
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}
