import type { Range } from '../finding.js';
import { LineIndex } from '../text-position.js';

/**
 * Finds where a key (or an array element) of a parsed TOML document stands in its text.
 * @iarna/toml reports positions only for syntax errors, so schema errors are located here by
 * scanning table headers and `key =` lines; good enough for the small, flat files it serves.
 * Falls back to the nearest ancestor that can be found, then to the first line.
 */
export function locateTomlPath(text: string, path: readonly (string | number)[]): Range {
  const lines = new LineIndex(text);
  const keys = scanKeys(text);
  for (let depth = path.length; depth > 0; depth -= 1) {
    const prefix = path.slice(0, depth);
    const index = typeof prefix[prefix.length - 1] === 'number' ? (prefix.pop() as number) : undefined;
    const hit = keys.find((k) => sameKey(k.path, prefix));
    if (!hit) continue;
    if (index !== undefined) {
      const element = arrayElement(text, hit.valueStart, index);
      if (element) return lines.range(element.start, element.end);
    }
    return lines.range(hit.keyStart, hit.keyEnd);
  }
  return lines.lineRange(0);
}

/** Range of the value written after `key =` for `path`, or undefined when the key is absent. */
export function locateTomlValue(text: string, path: readonly string[]): Range | undefined {
  const hit = scanKeys(text).find((k) => sameKey(k.path, path));
  if (!hit) return undefined;
  const lines = new LineIndex(text);
  const pos = lines.position(hit.valueStart);
  const lineText = lines.lineText(pos.line);
  const rest = lineText
    .slice(pos.character)
    .replace(/\s+#.*$/, '')
    .trimEnd();
  return lines.range(hit.valueStart, hit.valueStart + rest.length);
}

interface KeyHit {
  path: string[];
  keyStart: number;
  keyEnd: number;
  valueStart: number;
}

const sameKey = (a: readonly (string | number)[], b: readonly (string | number)[]) =>
  a.length === b.length && a.every((part, i) => String(part) === String(b[i]));

const unquote = (k: string) => k.trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2');

function scanKeys(text: string): KeyHit[] {
  const hits: KeyHit[] = [];
  let table: string[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const header = /^(\s*)\[\s*([^\][]+?)\s*\]/.exec(line);
    const key =
      /^(\s*)((?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'))*)\s*=\s*/.exec(
        line,
      );
    if (header) {
      table = (header[2] as string).split('.').map(unquote);
      const start = offset + (header[1] as string).length;
      hits.push({ path: table, keyStart: start, keyEnd: offset + header[0].length, valueStart: start });
    } else if (key) {
      const keyText = key[2] as string;
      const start = offset + (key[1] as string).length;
      hits.push({
        path: [...table, ...keyText.split('.').map(unquote)],
        keyStart: start,
        keyEnd: start + keyText.length,
        valueStart: offset + key[0].length,
      });
    }
    offset += line.length + 1;
  }
  return hits;
}

/** Start/end offsets of element `index` of the array literal starting at `from`. */
function arrayElement(text: string, from: number, index: number): { start: number; end: number } | undefined {
  if (text[from] !== '[') return undefined;
  let depth = 0;
  let count = -1;
  let start = -1;
  for (let i = from; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === '"' || c === "'") {
      const close = skipString(text, i);
      if (depth === 1 && start === -1) {
        count += 1;
        start = i;
      }
      if (depth === 1 && count === index) return { start, end: close };
      i = close - 1;
    } else if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (c === '[' || c === '{') {
      depth += 1;
    } else if (c === ']' || c === '}') {
      depth -= 1;
      if (depth === 0) return undefined;
    } else if (c === ',' && depth === 1) {
      start = -1;
    } else if (depth === 1 && start === -1 && !/\s/.test(c)) {
      count += 1;
      start = i;
      if (count === index) {
        let end = i;
        while (end < text.length && !/[,\]\s#]/.test(text[end] as string)) end += 1;
        return { start, end };
      }
    }
  }
  return undefined;
}

/** Offset just past the string literal opening at `at` (basic or literal, single line). */
function skipString(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i += 1) {
    if (quote === '"' && text[i] === '\\') i += 1;
    else if (text[i] === quote || text[i] === '\n') return i + 1;
  }
  return text.length;
}
