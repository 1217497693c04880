import { createScanner } from 'jsonc-parser';
import {
  BLOCK_COMMENT,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  EOF,
  LINE_BREAK,
  LINE_COMMENT,
  TRIVIA,
} from '../../deploy/json-token-kinds.js';

/**
 * JSONC (JSON with comments and trailing commas, as Bun writes bun.lock and reads it with its
 * package.json parser) as strict JSON of the same length: each comment and each comma before a
 * `}` or `]` becomes spaces (a comment's line breaks stay), so `JSON.parse` reads it at native
 * speed and an error's offset, and so its line, is the original text's. One pass of
 * jsonc-parser's scanner, which knows strings (a `//` or `,}` inside one is text); it does not
 * recurse, so nesting costs nothing here.
 */
export function jsoncAsJson(text: string): string {
  const scanner = createScanner(text, false);
  const blank: [number, number][] = [];
  let comma = -1;
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === TRIVIA || kind === LINE_BREAK) continue;
    if (kind === LINE_COMMENT || kind === BLOCK_COMMENT) {
      blank.push([scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength()]);
      continue;
    }
    if ((kind === CLOSE_BRACE || kind === CLOSE_BRACKET) && comma !== -1) blank.push([comma, comma + 1]);
    comma = kind === COMMA ? scanner.getTokenOffset() : -1;
  }
  if (blank.length === 0) return text;
  // A comma is found at the bracket after it, past any comment between: back into text order.
  blank.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of blank) {
    parts.push(text.slice(at, start), text.slice(start, end).replace(/[^\r\n]/g, ' '));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
