import { locateJson, parseJsonWithRanges } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

describe('parseJsonWithRanges', () => {
  it('parses what JSON.parse parses, with spans for keys and values', () => {
    const text = '{\n  "a": [1, -2.5e3, "x\\u00e9\\n"],\n  "b": {"c": null, "d": true}\n}\n';
    const r = parseJsonWithRanges(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual(JSON.parse(text));
    const c = locateJson(r.node, ['b', 'c']);
    expect(text.slice(c.start, c.end)).toBe('null');
    const key = locateJson(r.node, ['b', 'd'], 'key');
    expect(text.slice(key.start, key.end)).toBe('"d"');
    const item = locateJson(r.node, ['a', 2]);
    expect(text.slice(item.start, item.end)).toBe('"x\\u00e9\\n"');
    const missing = locateJson(r.node, ['b', 'zz']);
    expect(text.slice(missing.start, missing.end)).toBe('{');
  });

  it.each([
    ['{"a": 1,}', 8, "expected a quoted key, found '}'"],
    ['{"a" 1}', 5, "expected ':'"],
    ["{'a': 1}", 1, 'expected a quoted key'],
    ['{"a": 1} x', 9, "unexpected 'x'"],
    ['', 0, 'empty'],
    ['{"a": "unterminated', 6, 'unterminated string'],
    ['{"a": 1, "a": 2}', 9, 'duplicate key "a"'],
    ['[01]', 2, "expected ',' or ']'"],
  ])('rejects %j at offset %i', (text, offset, message) => {
    const r = parseJsonWithRanges(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.offset).toBe(offset);
    expect(r.message).toContain(message);
  });
});
