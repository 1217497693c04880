/**
 * The JSON formats' escaping (`--format json`, `--json` of every command): JSON.stringify, with
 * each character `printable` escapes that JSON.stringify leaves raw (C1 controls such as U+009B,
 * a CSI to terminals that read 8-bit controls; DEL; bidi controls and line separators, as in
 * "Trojan Source") written as its `\uXXXX` escape. A program reads the very same string back;
 * a person who prints the JSON in a terminal or a CI log sees the escape, not a control. Such a
 * character can only stand inside a JSON string, so the escape is always valid there. (C0
 * controls JSON.stringify escapes itself.)
 */
export function jsonText(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(RAW_IN_JSON, (ch) => {
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
