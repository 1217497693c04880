/**
 * The quick way to the tree `parseJsonWithRanges` answers with: one pass over jsonc-parser's
 * scanner, no recursion, each value built once. jsonc-parser's own `parseTree` builds its node
 * tree first and ours from it (two trees, ~0.8 s for a 7 MB update state of 100,000 entries);
 * this pass takes a third of that. It answers only for text that is plain, valid JSON within the
 * nesting limit, and gives up (undefined) at anything else — a comment, a trailing comma, a bad
 * escape, a duplicate key, too deep — so that the careful reader in json-with-ranges.ts words
 * every error exactly as before. The two agree on every text this one answers for (a property
 * test holds them together).
 */

import { createScanner } from 'jsonc-parser';
import type { JsonEntry, JsonNode } from './json-node.js';
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  EOF,
  FALSE,
  LINE_BREAK,
  NULL,
  NUMBER,
  OPEN_BRACE,
  OPEN_BRACKET,
  STRING,
  TRIVIA,
  TRUE,
} from './json-token-kinds.js';

/** Where an open container is: before its first member, after a member, or expecting one. */
type Expect = 'first' | 'comma' | 'member' | 'colon' | 'value';

interface ObjectFrame {
  kind: 'object';
  start: number;
  value: Record<string, unknown>;
  entries: JsonEntry[];
  expect: Expect;
  key: string;
  keyStart: number;
  keyEnd: number;
}

interface ArrayFrame {
  kind: 'array';
  start: number;
  value: unknown[];
  items: JsonNode[];
  expect: Expect;
}

type Frame = ObjectFrame | ArrayFrame;

/** The value and tree of `text` (already known not to be empty), or undefined to read it carefully. */
export function scanJsonTree(text: string, maxDepth: number): { value: unknown; node: JsonNode } | undefined {
  // Trivia is skipped here, not by the scanner, which would skip comments with it.
  const scanner = createScanner(text, false);
  const stack: Frame[] = [];
  let root: { value: unknown; node: JsonNode } | undefined;

  /** A finished value placed where the grammar wants one; false when it does not. */
  const place = (value: unknown, node: JsonNode): boolean => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (root) return false;
      root = { value, node };
      return true;
    }
    if (top.kind === 'array') {
      if (top.expect !== 'first' && top.expect !== 'member') return false;
      top.value.push(value);
      top.items.push(node);
      top.expect = 'comma';
      return true;
    }
    if (top.expect !== 'value' || Object.hasOwn(top.value, top.key)) return false;
    setOwnKey(top.value, top.key, value);
    top.entries.push({ key: top.key, keyStart: top.keyStart, keyEnd: top.keyEnd, value: node });
    top.expect = 'comma';
    return true;
  };

  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === TRIVIA || kind === LINE_BREAK) continue;
    if (scanner.getTokenError() !== 0) return undefined;
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    const top = stack[stack.length - 1];
    switch (kind) {
      case OPEN_BRACE:
      case OPEN_BRACKET: {
        // Whether a value may stand here is judged when it is placed (`place`), as a scalar's is;
        // one never closed leaves the stack open at the end.
        if (stack.length >= maxDepth) return undefined;
        stack.push(
          kind === OPEN_BRACE
            ? {
                kind: 'object',
                start,
                value: {},
                entries: [],
                expect: 'first',
                // Stryker disable next-line StringLiteral: never read, a key is set before the colon that lets `place` read it
                key: '',
                keyStart: 0,
                keyEnd: 0,
              }
            : { kind: 'array', start, value: [], items: [], expect: 'first' },
        );
        break;
      }
      case CLOSE_BRACE:
      case CLOSE_BRACKET: {
        const wanted = kind === CLOSE_BRACE ? 'object' : 'array';
        if (top?.kind !== wanted || (top.expect !== 'first' && top.expect !== 'comma')) return undefined;
        stack.pop();
        // Copies of the member lists, at their length: a list grown by push keeps room for 16
        // members (150 bytes for the two of an update state's reset), kept for the whole check.
        // The frame is dropped, so the copy holds the same members: it saves memory only.
        // Stryker disable MethodExpression: the copy saves memory only (above)
        const node: JsonNode =
          top.kind === 'object'
            ? { kind: 'object', start: top.start, end, entries: top.entries.slice() }
            : { kind: 'array', start: top.start, end, items: top.items.slice() };
        // Stryker restore MethodExpression
        if (!place(top.value, node)) return undefined;
        break;
      }
      case COMMA:
        if (top?.expect !== 'comma') return undefined;
        top.expect = 'member';
        break;
      case COLON:
        if (top?.kind !== 'object' || top.expect !== 'colon') return undefined;
        top.expect = 'value';
        break;
      case STRING: {
        if (top?.kind === 'object' && (top.expect === 'first' || top.expect === 'member')) {
          top.key = scanner.getTokenValue();
          top.keyStart = start;
          top.keyEnd = end;
          top.expect = 'colon';
        } else if (!place(scanner.getTokenValue(), { kind: 'string', start, end })) return undefined;
        break;
      }
      // A number the scanner read without error has JSON's syntax, which Number reads as
      // JSON.parse does (jsonc-parser's own parser reads it so too).
      case NUMBER:
        if (!place(Number(scanner.getTokenValue()), { kind: 'number', start, end })) return undefined;
        break;
      case NULL:
        if (!place(null, { kind: 'null', start, end })) return undefined;
        break;
      case TRUE:
      case FALSE:
        if (!place(kind === TRUE, { kind: 'boolean', start, end })) return undefined;
        break;
      default:
        // A comment or an unknown symbol: the careful reader words it.
        return undefined;
    }
  }
  return stack.length === 0 ? root : undefined;
}

/**
 * Adds `key` to an object being read from JSON. A plain assignment of "__proto__" would set the
 * object's prototype instead of adding a key: `{"__proto__": {"pinned": true}}` would read as
 * pinned and pass as schema-clean. Defined, it is an ordinary own key (as JSON.parse makes it):
 * unknown to a schema, and duplicable.
 */
export function setOwnKey(target: Record<string, unknown>, key: string, value: unknown): void {
  // Defined so, any key is what assignment makes it; assignment is the quick way for the others.
  // Stryker disable next-line ConditionalExpression: every key defined so reads the same (above)
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
