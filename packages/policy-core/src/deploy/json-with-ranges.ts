/**
 * A strict JSON (RFC 8259) parser that remembers where every key and value stands, so that a
 * finding about a deploy record can point at the offending key or value, and a syntax error at
 * the character where the text stops being JSON. `JSON.parse` gives neither.
 */

import { LIMITS } from '../limits.js';
export type JsonNode =
  | { kind: 'object'; start: number; end: number; entries: JsonEntry[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'string' | 'number' | 'boolean' | 'null'; start: number; end: number };

export interface JsonEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

/**
 * A failure spans `offset`..`end` (a duplicate key: the whole key). `tooDeep` marks text that is
 * JSON but nested past MAX_JSON_DEPTH, which no caller's document needs.
 */
export type JsonParseResult =
  | { ok: true; value: unknown; node: JsonNode }
  | { ok: false; message: string; offset: number; end: number; tooDeep?: true };

/**
 * Arrays and objects nested deeper than this are refused rather than parsed: the parser recurses,
 * and a file of 3,000 `[` would otherwise overflow the stack and take the whole check (or the
 * language server's answer) down with it. A deploy record nests four deep, an audit line three.
 * @internal
 */
export const MAX_JSON_DEPTH = LIMITS.record.depth;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly end: number,
    readonly tooDeep = false,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

export function parseJsonWithRanges(text: string): JsonParseResult {
  let pos = 0;
  let depth = 0;

  const fail = (message: string, at = pos, end = Math.min(at + 1, text.length)): never => {
    throw new JsonSyntaxError(message, at, end);
  };
  const enter = () => {
    if (++depth > MAX_JSON_DEPTH)
      throw new JsonSyntaxError(
        `arrays and objects are nested more than ${MAX_JSON_DEPTH} levels deep`,
        pos,
        pos + 1,
        true,
      );
  };
  const skipWs = () => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else break;
    }
  };
  const describe = (at: number) => (at >= text.length ? 'end of file' : `'${text[at]}'`);

  const parseString = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = '';
    for (;;) {
      if (pos >= text.length) fail('unterminated string', start);
      const ch = text[pos] as string;
      if (ch === '"') {
        pos++;
        return out;
      }
      if (ch === '\\') {
        const esc = text[pos + 1];
        if (esc === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape in string');
          out += String.fromCharCode(Number.parseInt(hex, 16));
          pos += 6;
        } else if (esc !== undefined && ESCAPES[esc] !== undefined) {
          out += ESCAPES[esc];
          pos += 2;
        } else fail('bad escape in string');
      } else if (ch.charCodeAt(0) < 0x20) {
        fail('control character in string (escape it)');
      } else {
        out += ch;
        pos++;
      }
    }
  };

  const parseValue = (): { value: unknown; node: JsonNode } => {
    skipWs();
    const start = pos;
    const ch = text[pos];
    if (ch === '{') {
      enter();
      pos++;
      const value: Record<string, unknown> = {};
      const entries: JsonEntry[] = [];
      skipWs();
      if (text[pos] === '}') {
        pos++;
        depth--;
        return { value, node: { kind: 'object', start, end: pos, entries } };
      }
      for (;;) {
        skipWs();
        if (text[pos] !== '"') fail(`expected a quoted key, found ${describe(pos)}`);
        const keyStart = pos;
        const key = parseString();
        const keyEnd = pos;
        skipWs();
        if (text[pos] !== ':') fail(`expected ':' after key "${key}", found ${describe(pos)}`);
        pos++;
        const member = parseValue();
        if (Object.hasOwn(value, key)) fail(`duplicate key "${key}"`, keyStart, keyEnd);
        // A plain assignment of "__proto__" would set the object's prototype instead of adding a
        // key: `{"__proto__": {"pinned": true}}` would read as pinned and pass as schema-clean.
        // Defined, it is an ordinary own key (as JSON.parse makes it): unknown, and duplicable.
        if (key === '__proto__')
          Object.defineProperty(value, key, {
            value: member.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else value[key] = member.value;
        entries.push({ key, keyStart, keyEnd, value: member.node });
        skipWs();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          depth--;
          return { value, node: { kind: 'object', start, end: pos, entries } };
        }
        fail(`expected ',' or '}' in object, found ${describe(pos)}`);
      }
    }
    if (ch === '[') {
      enter();
      pos++;
      const value: unknown[] = [];
      const items: JsonNode[] = [];
      skipWs();
      if (text[pos] === ']') {
        pos++;
        depth--;
        return { value, node: { kind: 'array', start, end: pos, items } };
      }
      for (;;) {
        const item = parseValue();
        value.push(item.value);
        items.push(item.node);
        skipWs();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          depth--;
          return { value, node: { kind: 'array', start, end: pos, items } };
        }
        fail(`expected ',' or ']' in array, found ${describe(pos)}`);
      }
    }
    if (ch === '"') {
      const value = parseString();
      return { value, node: { kind: 'string', start, end: pos } };
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return { value, node: { kind: value === null ? 'null' : 'boolean', start, end: pos } };
      }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m) {
      pos += m[0].length;
      return { value: Number(m[0]), node: { kind: 'number', start, end: pos } };
    }
    return fail(`expected a JSON value, found ${describe(pos)}`);
  };

  try {
    // A UTF-8 byte-order mark is tolerated: editors on Windows write one.
    if (text.charCodeAt(0) === 0xfeff) pos = 1;
    skipWs();
    if (pos >= text.length) fail('the file is empty (expected a JSON object)');
    const { value, node } = parseValue();
    skipWs();
    if (pos < text.length) fail(`unexpected ${describe(pos)} after the JSON value`);
    return { ok: true, value, node };
  } catch (err) {
    if (err instanceof JsonSyntaxError)
      return {
        ok: false,
        message: err.message,
        offset: err.offset,
        end: err.end,
        ...(err.tooDeep ? { tooDeep: true as const } : {}),
      };
    throw err;
  }
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
