import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { Range } from '../finding.js';
import type { LineIndex } from '../text-position.js';
import type { PolicyPath } from './document.js';

/**
 * Finds the source range of a key or value in a YAML document. Walks the node tree along the
 * path; where the path runs out of existing nodes (a defaulted or missing key) it answers with
 * the deepest node that does exist, so a finding still lands near the right place.
 */
export function locateInYaml(
  doc: Document,
  index: LineIndex,
  path: PolicyPath,
  part: 'key' | 'value',
): Range {
  let node: unknown = doc.contents;
  let pair: Pair | undefined;
  let best: [number, number] | undefined = rangeOf(node);
  // The key of the deepest pair found: where a missing or defaulted key's finding belongs.
  let parentKey: [number, number] | undefined;
  for (const seg of path) {
    let next: unknown;
    pair = undefined;
    // Going further down an alias (`allowed: *paths`) means going down the anchored node.
    if (isAlias(node)) node = node.resolve(doc) ?? node;
    if (isMap(node)) {
      const found = findPair(doc, node, String(seg));
      if (found) {
        pair = found;
        next = found.value;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    if (next === undefined) {
      // The key exists but has no value (`paths:`), or the path leaves the document below a key
      // (that key). A top-level key that is not written has no parent key: the file's first line
      // (document.ts), not the whole document, which would cover every line of the file.
      return toRange(index, pair ? (rangeOf(pair.key) ?? best) : parentKey);
    }
    if (pair) parentKey = rangeOf(pair.key) ?? parentKey;
    node = next;
    best = (part === 'key' && pair ? rangeOf(pair.key) : undefined) ?? rangeOf(next) ?? best;
  }
  if (part === 'key' && pair) return toRange(index, rangeOf(pair.key) ?? best);
  return toRange(index, best);
}

/**
 * The pair for `key` in a mapping: its own, else the one a `<<` merge key brings in (the first
 * source of a list wins, as YAML 1.1 merges); what the parser merged, the locator follows.
 */
function findPair(doc: Document, map: YAMLMap, key: string, depth = 0): Pair | undefined {
  const own = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  if (own || depth > 10) return own;
  for (const p of map.items) {
    // With `merge: true` the parser gives a plain `<<` key a symbol value; a quoted '<<' stays text.
    if (!isPair(p) || !isScalar(p.key) || typeof p.key.value !== 'symbol') continue;
    const sources = isSeq(p.value) ? p.value.items : [p.value];
    for (const source of sources) {
      const target = isAlias(source) ? source.resolve(doc) : source;
      if (!isMap(target)) continue;
      const found = findPair(doc, target, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as Node | null)?.range;
  if (!r) return undefined;
  return [r[0], r[1]];
}

function toRange(index: LineIndex, r: [number, number] | undefined): Range {
  if (!r) return index.range(0, 0);
  // Block collections end after their trailing newline; keep the range on its own lines.
  let end = r[1];
  while (end > r[0] && /\s/.test(index.text[end - 1] ?? '')) end--;
  return index.range(r[0], end);
}
