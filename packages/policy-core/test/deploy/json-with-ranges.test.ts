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
    // The same on the careful reader's way (a syntax error after: the quick scan gives up), where
    // the depth is counted down at each closer: the error is the one reported, not the depth.
    const twice = `[${deepest.slice(1, -1)},${deepest.slice(1, -1)},${deepest.slice(1, -1)} x]`;
    expect(parseJsonWithRanges(twice)).toMatchObject({
      ok: false,
      message: "unexpected 'x'",
    });
    expect(parseJsonWithRanges(twice)).not.toHaveProperty('tooDeep');
    // So for objects: a '}' closes one as a ']' closes an array.
    const deepObject = `${'{"a":'.repeat(MAX_JSON_DEPTH - 1)}1${'}'.repeat(MAX_JSON_DEPTH - 1)}`;
    expect(parseJsonWithRanges(`[${deepObject},${deepObject} x]`)).toMatchObject({
      ok: false,
      message: "unexpected 'x'",
    });
    // A missing comma before the deep part names its container, as it would in shallow text.
    const early = `[1 2] ] ${'['.repeat(MAX_JSON_DEPTH + 1)}`;
    expect(parseJsonWithRanges(early)).toEqual({
      ok: false,
      message: "expected ',' or ']' in array, found '2'",
      offset: 3,
      end: 4,
    });
  });

  // jsonc-parser reads on after an error, and its recovery skips a closer that does not close the
  // container it is in: `[},[},[…` nests one level a `[` though the brackets never stand more
  // than one open. The first error is at that closer or before it, so reading stops there.
  it('stops reading at a closer that closes no bracket open, instead of overflowing the stack', () => {
    const mismatched = '},['.repeat(100_000);
    expect(parseJsonWithRanges(`[${mismatched}`)).toEqual({
      ok: false,
      message: "expected a JSON value, found '}'",
      offset: 1,
      end: 2,
    });
    expect(parseJsonWithRanges(`{"a": [1 ${mismatched}`)).toEqual({
      ok: false,
      message: "expected ',' or ']' in array, found '}'",
      offset: 9,
      end: 10,
    });
    expect(parseJsonWithRanges(`{"a": 1}] ${mismatched}`)).toEqual({
      ok: false,
      message: "unexpected ']' after the JSON value",
      offset: 8,
      end: 9,
    });
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

  it('reads every valid document as JSON.parse does: escapes, surrogate pairs, numbers, odd keys', () => {
    for (const text of [
      '{"": 0, " ": -0, "\\u00e9": "\\ud83d\\ude00", "e\\u0301": "\\ud800"}',
      '[1E+2, 1e-2, 0.5, -0.0, 123456789012345678901234567890, 1e400, "\\/\\b\\f\\n\\r\\t\\"\\\\"]',
      ' \t\r\n[ \t\r\n{ } , [ ] , "" , true , false , null ] \n',
      '\ufeff{"bom": true}',
    ]) {
      const r = parseJsonWithRanges(text);
      expect(r.ok, text).toBe(true);
      if (r.ok) expect(r.value).toEqual(JSON.parse(text.replace(/^\ufeff/, '')));
    }
  });

  it.each([
    ['{"a": 1} // note', 9, 'comments are not allowed'],
    ['/* c */ {}', 0, 'comments are not allowed'],
    ['[1, 2,]', 6, "expected a JSON value, found ']'"],
    ['{"a": "x\ty"}', 6, 'control character in string'],
    ['{"a": "\\q"}', 6, 'bad escape in string'],
    ['{"a": "\\u12G4"}', 6, 'bad \\u escape'],
    ['{"a": .5}', 6, "unexpected '.5'"],
    ['{"a": 1.}', 6, 'not a complete JSON number'],
    ['{"a": +1}', 6, "unexpected '+1'"],
    ['{"a": NaN}', 6, "unexpected 'NaN'"],
    ['\u00a0{}', 0, 'unexpected'],
    ['{"a": 1 "b": 2}', 8, "expected ',' or '}' in object"],
  ])('refuses %j (which JSON.parse refuses too) at offset %i', (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const r = parseJsonWithRanges(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.offset).toBe(offset);
    expect(r.message).toContain(message);
  });

  it('reports a duplicate inside a nested value before the outer one, as read in order', () => {
    const text = '{"a": {"b": 1, "b": 2}, "a": 3}';
    const r = parseJsonWithRanges(text);
    if (r.ok) throw new Error('parsed');
    expect(r.message).toBe('duplicate key "b"');
    expect(r.offset).toBe(text.indexOf('"b"', text.indexOf('"b"') + 1));
  });

  it('a syntax error before over-deep nesting is the one reported; brackets inside strings do not nest', () => {
    const bad = parseJsonWithRanges(`{"a" 1, "b": ${'['.repeat(3000)}`);
    expect(bad).toMatchObject({ ok: false, offset: 5, message: expect.stringContaining("expected ':'") });
    expect(bad).not.toHaveProperty('tooDeep');
    const quoted = `{"a": "${'['.repeat(3000)}"}`;
    expect(parseJsonWithRanges(quoted)).toMatchObject({ ok: true, value: JSON.parse(quoted) });
  });

  it("a single-quoted key says JSON's quotes are double", () => {
    expect(parseJsonWithRanges("{'a': 1}")).toMatchObject({
      ok: false,
      offset: 1,
      end: 4,
      message: "expected a quoted key or value in double quotes, found 'a'",
    });
  });
});
