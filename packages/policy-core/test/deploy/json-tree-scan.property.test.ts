import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanJsonTree } from '../../src/deploy/json-tree-scan.js';
import { MAX_JSON_DEPTH, parseJsonCarefully } from '../../src/deploy/json-with-ranges.js';

/**
 * The quick scan against the careful reader it stands in front of: on every text, the scan
 * answers exactly when the careful reader accepts, with the same value and the same spans.
 * Texts are JSON (pretty or not), JSON with one character changed, dropped or added (comments,
 * trailing commas, lone quotes, duplicate keys, `__proto__`), and deep nesting near the limit.
 */

const SPICE = [',', ':', '"', '{', '}', '[', ']', '/', '*', '\\', "'", '0', '-', 'e', '.', ' ', '\n', 'x'];

const jsonText = fc.oneof(
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v, null, 2)),
  fc.constantFrom(
    '{"a": 1, "a": 2}',
    '{"__proto__": {"x": 1}}',
    '{"__proto__": 1, "__proto__": 2}',
    '[1, 2,]',
    '{"a": 1 // c\n}',
    '"\\ud800"',
    '[-0, 1e400, 0.5E-3]',
    '{"a": "\\u00e9\\n\\t"}',
  ),
);

const mutated = fc
  .tuple(jsonText, fc.nat(), fc.constantFrom(...SPICE), fc.constantFrom('insert', 'replace', 'delete'))
  .map(([text, at, ch, how]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    if (how === 'insert') return text.slice(0, i) + ch + text.slice(i);
    if (how === 'replace') return text.slice(0, i) + ch + text.slice(i + 1);
    return text.slice(0, i) + text.slice(i + 1);
  });

const nested = fc
  .tuple(fc.integer({ min: MAX_JSON_DEPTH - 2, max: MAX_JSON_DEPTH + 2 }), fc.boolean())
  .map(([depth, objects]) =>
    objects ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`,
  );

describe('scanJsonTree', () => {
  it('answers exactly when the careful reader accepts, with its value and spans', () => {
    fc.assert(
      fc.property(fc.oneof(jsonText, mutated, nested), (text) => {
        if (text.trim() === '') return;
        const quick = scanJsonTree(text, MAX_JSON_DEPTH);
        const careful = parseJsonCarefully(text);
        expect(quick !== undefined).toBe(careful.ok);
        if (!quick || !careful.ok) return;
        expect(quick.node).toEqual(careful.node);
        // Text too: an own `__proto__` key must be an ordinary key in both.
        expect(JSON.stringify(quick.value)).toBe(JSON.stringify(careful.value));
        expect(quick.value).toStrictEqual(careful.value);
      }),
      { numRuns: 3000 },
    );
  });
});
