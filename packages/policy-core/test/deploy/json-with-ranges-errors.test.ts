import { parseJsonWithRanges } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/**
 * Each syntax error as the reader of a finding sees it: one sentence naming what stands at the
 * error (at most 20 characters of it, or "end of file"), and the span it covers. The closer a
 * missing comma wants is the innermost container's.
 */
describe('parseJsonWithRanges: how a syntax error is worded and where it points', () => {
  it.each([
    ['{"a": 1', "expected ',' or '}' in object, found end of file", 7, 7],
    ['[1', "expected ',' or ']' in array, found end of file", 2, 2],
    ['[1 2]', "expected ',' or ']' in array, found '2'", 3, 4],
    ['{"a":[1}', "expected ',' or ']' in array, found '}'", 7, 8],
    ['{"a":{"b":1]}', "expected ',' or '}' in object, found ']'", 11, 12],
    ['{"a": 1 "b": 2}', "expected ',' or '}' in object, found '\"b\"'", 8, 11],
    ['{"a": 1}}', "unexpected '}' after the JSON value", 8, 9],
    ['[1]x', "unexpected 'x' after the JSON value", 3, 4],
    ['[1] x', "unexpected 'x' after the JSON value", 4, 5],
    ['{"a": -}', "unexpected '-'", 6, 7],
    ['{"a": 1e}', "'1e' is not a complete JSON number", 6, 8],
    ['{"a": "\\u12"}', 'bad \\u escape in string', 6, 12],
    ['/* x', 'comments are not allowed in JSON', 0, 4],
    ['{"a": 1 /* c', 'comments are not allowed in JSON', 8, 12],
    ["[1] 'b'", "expected a quoted key or value in double quotes, found 'b'", 4, 7],
    // What stands there is quoted unless it starts with a quote of its own.
    ['{"a": \'x}', "expected a quoted key or value in double quotes, found 'x", 6, 8],
    ['{"a": x\'}', "unexpected 'x''", 6, 8],
    ['  \n\t ', 'the file is empty (expected a JSON object)', 0, 0],
  ])('%j: %s', (text, message, offset, end) => {
    expect(parseJsonWithRanges(text)).toEqual({ ok: false, message, offset, end });
  });

  it('quotes at most 20 characters of what stands at the error, and spans all of it', () => {
    const junk = 'x'.repeat(31);
    expect(parseJsonWithRanges(`{"a": ${junk}}`)).toEqual({
      ok: false,
      message: `unexpected '${'x'.repeat(20)}'`,
      offset: 6,
      end: 37,
    });
  });

  // The byte-order mark is read as a space: every offset is still the character's in the file.
  it('keeps offsets after a byte-order mark', () => {
    const text = '\ufeff{"a": x}';
    expect(parseJsonWithRanges(text)).toEqual({ ok: false, message: "unexpected 'x'", offset: 7, end: 8 });
    expect(text[7]).toBe('x');
    const ok = parseJsonWithRanges('\ufeff{"a": 1}');
    expect(ok).toMatchObject({ ok: true, value: { a: 1 }, node: { start: 1, end: 9 } });
  });

  // A value that ends or starts where the comma is missing stands beside it: the closer wanted
  // is the one of the container around both.
  it.each([
    ['{"a":[1,2]"b":1}', "expected ',' or '}' in object, found '\"b\"'", 10],
    ['{"a":[1] "b":2}', "expected ',' or '}' in object, found '\"b\"'", 9],
    ['[{"a":1}2]', "expected ',' or ']' in array, found '2'", 8],
    ['[1 {"a":2}]', "expected ',' or ']' in array, found '{'", 3],
    ['[{"a":1} {"b":2}]', "expected ',' or ']' in array, found '{'", 9],
    ['{"a":1 {"b":2}}', "expected ',' or '}' in object, found '{'", 7],
    ['[{"a":1 2]', "expected ',' or '}' in object, found '2'", 8],
    ['{"a":[1 "b":2}', "expected ',' or ']' in array, found '\"b\"'", 8],
  ])('%j: %s', (text, message, offset) => {
    expect(parseJsonWithRanges(text)).toMatchObject({ ok: false, message, offset });
  });
});
