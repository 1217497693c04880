/**
 * Strict JSON (RFC 8259) with the place of every key and value, so that a finding about a deploy
 * record can point at the offending key or value, and a syntax error at the character where the
 * text stops being JSON. `JSON.parse` gives neither.
 *
 * Scanning and parsing are jsonc-parser's (Microsoft's, the one VS Code reads settings with), run
 * with comments and trailing commas refused. What JSON leaves open and a deploy record must
 * settle is decided here: a duplicate key is an error (the record would otherwise say two
 * things), `__proto__` is an ordinary key, nesting is capped before the recursive parser runs,
 * and each error reads as a sentence.
 */

import { createScanner, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { LIMITS } from '../limits.js';
import type { JsonEntry, JsonNode } from './json-node.js';
import { scanJsonTree, setOwnKey } from './json-tree-scan.js';
import { CLOSE_BRACE, CLOSE_BRACKET, EOF, OPEN_BRACE, OPEN_BRACKET } from './json-token-kinds.js';

export type { JsonEntry, JsonNode } from './json-node.js';

/**
 * A failure spans `offset`..`end` (a duplicate key: the whole key). `tooDeep` marks text that is
 * JSON but nested past MAX_JSON_DEPTH, which no caller's document needs.
 */
export type JsonParseResult =
  | { ok: true; value: unknown; node: JsonNode }
  | { ok: false; message: string; offset: number; end: number; tooDeep?: true };

/**
 * Arrays and objects nested deeper than this are refused rather than parsed: jsonc-parser
 * recurses, and a file of 10,000 `[` would overflow the stack and take the whole check (or the
 * language server's answer) down with it. A deploy record nests four deep, an audit line three.
 * @internal
 */
export const MAX_JSON_DEPTH = LIMITS.record.depth;

// Empty content is jsonc-parser's default refusal, and blank text never reaches it (refused first).
const STRICT = { disallowComments: true, allowTrailingComma: false };

type Failure = Extract<JsonParseResult, { ok: false }>;

export function parseJsonWithRanges(input: string): JsonParseResult {
  // A UTF-8 byte-order mark is tolerated (editors on Windows write one); a space keeps offsets.
  const text = input.charCodeAt(0) === 0xfeff ? ` ${input.slice(1)}` : input;
  // A search, not trim(): a 7 MB text is not copied to learn that it holds something.
  if (!/\S/.test(text))
    return { ok: false, message: 'the file is empty (expected a JSON object)', offset: 0, end: 0 };
  const quick = scanJsonTree(text, MAX_JSON_DEPTH);
  return quick ? { ok: true, ...quick } : parseJsonCarefully(text);
}

/**
 * jsonc-parser's own parse and our tree from it: the reader of every text the quick scan gives up
 * on, so each error (and what counts as one) is worded here.
 * @internal
 */
export function parseJsonCarefully(text: string): JsonParseResult {
  const { end, tooDeep } = parserReach(text);
  const errors: ParseError[] = [];
  // Cut where the brackets stop bounding the parser's recursion: the errors before the cut, and
  // the tree around them, are the same either way.
  const tree = parseTree(text.slice(0, end), errors, STRICT);
  if (tooDeep) {
    // An error before the bracket that crosses the limit is the one to report, worded on the
    // tree read so far (a missing comma names its container).
    const earlier = errors.find((e) => e.offset < end);
    if (earlier) return syntaxFailure(text, earlier, tree);
    return {
      ok: false,
      message: `arrays and objects are nested more than ${MAX_JSON_DEPTH} levels deep`,
      offset: end,
      end: end + 1,
      tooDeep: true,
    };
  }
  const first = errors[0];
  if (first) return syntaxFailure(text, first, tree);
  // Not reached: text with no value is empty (refused above) or gives jsonc-parser an error.
  // Stryker disable next-line StringLiteral: not reached, as said
  if (!tree) return { ok: false, message: 'expected a JSON value', offset: 0, end: 0 };
  const built = build(tree);
  return 'ok' in built ? built : { ok: true, ...built };
}

/**
 * How far jsonc-parser may read `text` with its recursion bounded by MAX_JSON_DEPTH, its tokens
 * as the parser sees them: up to the `[` or `{` that nests past the limit (`tooDeep`), through a
 * closer that closes no bracket open, or to the end. Such a closer is a syntax error at it or
 * after the first one, so the first error is read before the cut; and past it the parser's
 * recovery skips closers without leaving the containers they do not close, so `[},[},[…` nests
 * as deep as it is long while the brackets never count more than one open. (Also what bounds
 * init's reading of the agents' settings files, json-merge.ts.)
 * @internal
 */
export function parserReach(text: string): { end: number; tooDeep?: true } {
  // Stryker disable next-line BooleanLiteral: trivia is no bracket; skipped by the scanner, it is not returned at all
  const scanner = createScanner(text, true);
  // The closer each open bracket wants, innermost last.
  const wanted: number[] = [];
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      if (wanted.length === MAX_JSON_DEPTH) return { end: scanner.getTokenOffset(), tooDeep: true };
      wanted.push(kind === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET);
    } else if ((kind === CLOSE_BRACE || kind === CLOSE_BRACKET) && wanted.pop() !== kind)
      return { end: scanner.getPosition() };
  }
  return { end: text.length };
}

/** The value and our node for a tree jsonc-parser read without error; a duplicate key fails. */
function build(node: Node): { value: unknown; node: JsonNode } | Failure {
  const span = { start: node.offset, end: node.offset + node.length };
  if (node.type === 'object') {
    const value: Record<string, unknown> = {};
    const entries: JsonEntry[] = [];
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue; // not reached: the parse had no error
      const key = keyNode.value as string;
      const keyStart = keyNode.offset;
      const keyEnd = keyNode.offset + keyNode.length;
      const member = build(valueNode);
      if ('ok' in member) return member;
      if (Object.hasOwn(value, key))
        return { ok: false, message: `duplicate key "${key}"`, offset: keyStart, end: keyEnd };
      setOwnKey(value, key, member.value);
      entries.push({ key, keyStart, keyEnd, value: member.node });
    }
    return { value, node: { kind: 'object', ...span, entries } };
  }
  if (node.type === 'array') {
    const value: unknown[] = [];
    const items: JsonNode[] = [];
    for (const child of node.children ?? []) {
      const item = build(child);
      if ('ok' in item) return item;
      value.push(item.value);
      items.push(item.node);
    }
    return { value, node: { kind: 'array', ...span, items } };
  }
  // A scalar: `property` nodes are only ever an object's children, handled above.
  const kind = node.type as 'string' | 'number' | 'boolean' | 'null';
  return { value: node.value, node: { kind, ...span } };
}

/** jsonc-parser's first error as one sentence, spanning at least one character unless at the end. */
function syntaxFailure(text: string, error: ParseError, tree: Node | undefined): Failure {
  const at = error.offset;
  // What stands there, quoted unless it brings its own single quotes (`'a'`).
  const snippet = text.slice(at, at + Math.max(1, Math.min(error.length, 20)));
  const found = at >= text.length ? 'end of file' : snippet.startsWith("'") ? snippet : `'${snippet}'`;
  const container = tree ? innermostContainer(tree, at) : undefined;
  const closer = container === 'array' ? "',' or ']' in array" : "',' or '}' in object";
  const messages: Record<string, string> = {
    InvalidSymbol:
      tree && at >= tree.offset + tree.length
        ? `unexpected ${found} after the JSON value`
        : `unexpected ${found}`,
    PropertyNameExpected: `expected a quoted key, found ${found}`,
    ValueExpected: `expected a JSON value, found ${found}`,
    ColonExpected: `expected ':' after the key, found ${found}`,
    CommaExpected: `expected ${closer}, found ${found}`,
    CloseBraceExpected: `expected ',' or '}' in object, found ${found}`,
    CloseBracketExpected: `expected ',' or ']' in array, found ${found}`,
    EndOfFileExpected: `unexpected ${found} after the JSON value`,
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: `${found} is not a complete JSON number`,
    InvalidUnicode: 'bad \\u escape in string',
    InvalidEscapeCharacter: 'bad escape in string',
    InvalidCharacter: 'control character in string (escape it)',
  };
  // A single-quoted key or string reads as an unknown symbol (the first error at a single quote
  // is always that one); say what JSON wants there. Not
  // worded above: what jsonc-parser never reports first with comments refused (InvalidNumberFormat
  // follows an UnexpectedEndOfNumber; UnexpectedEndOfComment is an InvalidCommentToken).
  const message =
    text[at] === "'"
      ? `expected a quoted key or value in double quotes, found ${found}`
      : // Stryker disable next-line StringLiteral: not reached, every code jsonc-parser reports first is worded above
        (messages[printParseErrorCode(error.error)] ?? `not JSON at ${found}`);
  return { ok: false, message, offset: at, end: Math.min(text.length, at + Math.max(1, error.length)) };
}

/**
 * Whether the innermost array or object around `offset` in a (partly read) tree is an array or an
 * object. Strictly around: a value that ends where the error is (`[1,2]"b"`) or starts there
 * (`[1 {"a": 2}]`) stands beside it, in the container that misses the comma.
 */
function innermostContainer(node: Node, offset: number): 'array' | 'object' | undefined {
  let found: 'array' | 'object' | undefined;
  let current: Node | undefined = node;
  while (current) {
    if (current.type === 'array' || current.type === 'object') found = current.type;
    current = current.children?.find((c) => c.offset < offset && offset < c.offset + c.length && c.children);
  }
  return found;
}

/**
 * The span of the node at `path` (object keys and array indexes); for a missing member, the
 * opening brace of the object that lacks it.
 * `part: 'key'` returns the key's span for object members.
 */
export function locateJson(
  root: JsonNode,
  path: readonly (string | number)[],
  part: 'key' | 'value' = 'value',
): { start: number; end: number } {
  let node = root;
  let keySpan: { start: number; end: number } | undefined;
  for (const seg of path) {
    if (node.kind === 'object') {
      const entry = node.entries.find((e) => e.key === seg);
      // A missing member: point at the opening brace of the object that lacks it.
      if (!entry) return { start: node.start, end: node.start + 1 };
      keySpan = { start: entry.keyStart, end: entry.keyEnd };
      node = entry.value;
    } else if (node.kind === 'array' && typeof seg === 'number' && node.items[seg]) {
      keySpan = undefined;
      node = node.items[seg] as JsonNode;
    } else break;
  }
  if (part === 'key' && keySpan) return keySpan;
  return { start: node.start, end: node.end };
}
