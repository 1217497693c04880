import { locateJson, parseJsonWithRanges } from '@slipway/policy-core';
import { MAX_JSON_DEPTH } from '../../src/deploy/json-with-ranges.js';
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

  it('refuses nesting past MAX_JSON_DEPTH at the bracket that crosses it, instead of overflowing the stack', () => {
    for (const open of ['[', '{"a":']) {
      const r = parseJsonWithRanges(open.repeat(3000));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r).toMatchObject({ tooDeep: true, message: expect.stringContaining('nested more than') });
      expect(r.offset).toBe(open.length * MAX_JSON_DEPTH);
      expect(r.end).toBe(r.offset + 1);
    }
    // Near miss: exactly MAX_JSON_DEPTH levels, and the same depth reached twice in a row.
    const deepest = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(parseJsonWithRanges(deepest).ok).toBe(true);
    expect(parseJsonWithRanges(`[${deepest.slice(1, -1)},${deepest.slice(1, -1)}]`).ok).toBe(true);
  });

  it('keeps "__proto__" as an ordinary key: no prototype set, and a second one is a duplicate', () => {
    const r = parseJsonWithRanges('{"__proto__": {"pinned": true}, "a": 1}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const value = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(value.pinned).toBeUndefined();
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(value).toEqual(JSON.parse('{"__proto__": {"pinned": true}, "a": 1}'));
    const text = '{"__proto__": {}, "__proto__": {"pinned": true}}';
    const dup = parseJsonWithRanges(text);
    expect(dup).toMatchObject({ ok: false, message: 'duplicate key "__proto__"' });
    if (dup.ok) return;
    expect(text.slice(dup.offset, dup.end)).toBe('"__proto__"');
  });

  it('a duplicate key error spans the whole key; other errors one character', () => {
    const text = '{"last_good_sha": 1, "last_good_sha": 2}';
    const r = parseJsonWithRanges(text);
    if (r.ok) throw new Error('parsed');
    expect(text.slice(r.offset, r.end)).toBe('"last_good_sha"');
    const other = parseJsonWithRanges('{"a": x}');
    if (other.ok) throw new Error('parsed');
    expect([other.offset, other.end]).toEqual([6, 7]);
    const atEnd = parseJsonWithRanges('{"a": ');
    if (atEnd.ok) throw new Error('parsed');
    expect([atEnd.offset, atEnd.end]).toEqual([6, 6]);
  });
});
