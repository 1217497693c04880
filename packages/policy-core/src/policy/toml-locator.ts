import type { Range } from '../finding.js';
import type { LineIndex } from '../text-position.js';
import type { PolicyPath } from './document.js';

interface KeyEntry {
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/**
 * @iarna/toml keeps no source positions, so this recovers them with a line scanner that knows
 * just enough TOML: `[table]` / `[[array]]` headers, dotted and quoted keys, and `key = value`
 * lines whose value may run on over several lines (arrays, multi-line strings). Array elements
 * are located by counting top-level items inside the value.
 */
export class TomlLocator {
  private readonly keys = new Map<string, KeyEntry>();

  constructor(private readonly index: LineIndex) {
    this.scan();
  }

  locate(path: PolicyPath, part: 'key' | 'value'): Range {
    for (let n = path.length; n > 0; n--) {
      const head = path.slice(0, n);
      const tail = path.slice(n);
      const entry = this.keys.get(keyOf(head));
      if (!entry) continue;
      if (tail.length === 0) {
        return part === 'key'
          ? this.index.range(entry.keyStart, entry.keyEnd)
          : this.index.range(entry.valueStart, entry.valueEnd);
      }
      if (typeof tail[0] === 'number') {
        const item = this.arrayItem(entry, tail[0]);
        if (item) return this.index.range(item[0], item[1]);
      }
      return this.index.range(entry.keyStart, entry.keyEnd);
    }
    return this.index.range(0, 0);
  }

  private scan(): void {
    const text = this.index.text;
    let table: string[] = [];
    const arrayCounts = new Map<string, number>();
    let line = 0;
    while (line < this.index.lineCount) {
      const start = this.index.lineStart(line);
      const raw = this.index.lineText(line);
      const trimmed = raw.trimStart();
      const indent = raw.length - trimmed.length;
      line++;
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      const header = /^(\[\[?)\s*([^\]]+?)\s*\]\]?/.exec(trimmed);
      if (header) {
        const name = splitKey(header[2] as string);
        if (header[1] === '[[') {
          const k = keyOf(name);
          const i = arrayCounts.get(k) ?? 0;
          arrayCounts.set(k, i + 1);
          table = [...name, String(i)];
        } else table = name;
        const s = start + indent;
        // The array itself (`[[protected]]` where a table belongs) is found at its first header.
        if (header[1] === '[[' && !this.keys.has(keyOf(name)))
          this.keys.set(keyOf(name), {
            keyStart: s,
            keyEnd: s + trimmed.length,
            valueStart: s,
            valueEnd: s + trimmed.length,
          });
        this.keys.set(keyOf(table), {
          keyStart: s,
          keyEnd: s + trimmed.length,
          valueStart: s,
          valueEnd: s + trimmed.length,
        });
        continue;
      }
      const eq = findEquals(trimmed);
      if (eq < 0) continue;
      const keyText = trimmed.slice(0, eq).trimEnd();
      const keyStart = start + indent;
      const valueOffset = eq + 1 + (trimmed.slice(eq + 1).length - trimmed.slice(eq + 1).trimStart().length);
      const valueStart = start + indent + valueOffset;
      const valueEnd = this.valueEnd(valueStart);
      // Continue scanning after a multi-line value.
      line = Math.max(line, this.index.position(valueEnd).line + 1);
      const full = [...table, ...splitKey(keyText)];
      this.keys.set(keyOf(full), { keyStart, keyEnd: keyStart + keyText.length, valueStart, valueEnd });
      this.scanValue(full, valueStart, valueEnd);
    }
    void text;
  }

  /**
   * The keys inside an inline table (`protected = { label = "x", paths = [...] }`), also when
   * nested or inside an array (`dependencies = [{ requirements = ..., lock = ... }]`), so that
   * an error inside the braces points at its key or value rather than at the outer key.
   */
  private scanValue(path: string[], start: number, end: number): void {
    const text = this.index.text;
    const open = text[start];
    if (open !== '{' && open !== '[') return;
    let i = start + 1;
    let item = 0;
    while (i < end) {
      while (i < end && /[\s,]/.test(text[i] as string)) i++;
      if (i >= end || text[i] === '}' || text[i] === ']') return;
      if (text[i] === '#') {
        while (i < end && text[i] !== '\n') i++;
        continue;
      }
      if (open === '[') {
        // An array element: only inline tables (and arrays of them) hold keys.
        const itemEnd = this.elementEnd(i, end);
        this.scanValue([...path, String(item)], i, itemEnd);
        item++;
        i = itemEnd;
        continue;
      }
      const eq = findEquals(text.slice(i, end));
      if (eq < 0) return;
      const keyText = text.slice(i, i + eq).trimEnd();
      let valueStart = i + eq + 1;
      while (valueStart < end && /[ \t]/.test(text[valueStart] as string)) valueStart++;
      const valueEnd = this.elementEnd(valueStart, end);
      const full = [...path, ...splitKey(keyText)];
      this.keys.set(keyOf(full), { keyStart: i, keyEnd: i + keyText.length, valueStart, valueEnd });
      this.scanValue(full, valueStart, valueEnd);
      i = valueEnd;
    }
  }

  /** End of one element inside `{...}` or `[...]`: the next top-level `,` or closing bracket. */
  private elementEnd(start: number, limit: number): number {
    const text = this.index.text;
    let depth = 0;
    let i = start;
    while (i < limit) {
      const c = text[i] as string;
      if (c === '"' || c === "'") {
        const triple = text.startsWith(c.repeat(3), i);
        const close = triple ? c.repeat(3) : c;
        let j = i + close.length;
        while (j < limit && !text.startsWith(close, j)) j += c === '"' && text[j] === '\\' ? 2 : 1;
        i = j + close.length;
        continue;
      }
      if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
      else if (c === '#' && depth === 0) break;
      i++;
    }
    let e = Math.min(i, limit);
    while (e > start && /\s/.test(text[e - 1] ?? '')) e--;
    return e;
  }

  /** End offset of a value starting at `start`: balanced brackets and strings, then end of line. */
  private valueEnd(start: number): number {
    const text = this.index.text;
    let depth = 0;
    let i = start;
    while (i < text.length) {
      const c = text[i];
      if (c === '"' || c === "'") {
        const triple = text.startsWith(c.repeat(3), i);
        const close = triple ? c.repeat(3) : c;
        let j = i + close.length;
        while (j < text.length) {
          if (c === '"' && text[j] === '\\') j += 2;
          else if (text.startsWith(close, j)) break;
          else if (!triple && text[j] === '\n') break;
          else j++;
        }
        i = j + close.length;
        continue;
      }
      if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') depth--;
      else if (c === '#' && depth === 0) break;
      else if (c === '\n' && depth <= 0) break;
      else if (c === '#') {
        while (i < text.length && text[i] !== '\n') i++;
        continue;
      }
      i++;
    }
    let end = Math.min(i, text.length);
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    return end;
  }

  /** Range of the n-th top-level element of an inline array value. */
  private arrayItem(entry: KeyEntry, n: number): [number, number] | undefined {
    const text = this.index.text;
    if (text[entry.valueStart] !== '[') return undefined;
    let depth = 0;
    let count = -1;
    let itemStart = -1;
    for (let i = entry.valueStart; i < entry.valueEnd; i++) {
      const c = text[i] as string;
      if (c === '"' || c === "'") {
        const close = text.indexOf(c, i + 1);
        if (depth === 1 && itemStart < 0) {
          count++;
          itemStart = i;
        }
        if (depth === 1 && count === n) return [i, close < 0 ? entry.valueEnd : close + 1];
        i = close < 0 ? entry.valueEnd : close;
        continue;
      }
      if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') depth--;
      else if (c === ',' && depth === 1) itemStart = -1;
      else if (depth === 1 && itemStart < 0 && !/[\s#]/.test(c)) {
        count++;
        itemStart = i;
        if (count === n) {
          let j = i;
          while (j < entry.valueEnd && !/[,\]\s]/.test(text[j] as string)) j++;
          return [i, j];
        }
      }
    }
    return undefined;
  }
}

function keyOf(path: readonly (string | number)[]): string {
  return path.map(String).join('\u0000');
}

function splitKey(key: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|$)/gy;
  for (let m = re.exec(key); m !== null && m[0] !== ''; m = re.exec(key))
    out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out.length ? out : [key.trim()];
}

/** Index of the `=` that separates a key from its value, skipping quoted keys. */
function findEquals(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '=') return i;
    else if (c === '#' || c === '[') return -1;
  }
  return -1;
}
