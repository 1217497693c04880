import { describe, expect, it } from 'vitest';
import { scanJsonTree } from '../../src/deploy/json-tree-scan.js';
import { MAX_JSON_DEPTH, parseJsonCarefully } from '../../src/deploy/json-with-ranges.js';

/**
 * The quick scan on chosen texts, beside the random ones of its property test: it must answer
 * for every nesting of valid JSON (the careful reader is slower, not wrong), and give up on a
 * token where the grammar wants none, which the careful reader then words.
 */
const scan = (text: string) => scanJsonTree(text, MAX_JSON_DEPTH);

describe('scanJsonTree on chosen texts', () => {
  it('answers for objects and arrays nested in each other, as the careful reader reads them', () => {
    for (const text of [
      '{"a": {"b": [1, {}, []]}, "c": [], "d": {"e": {}}}',
      '[[], {}, [{"a": [[]]}], -0.5e3, "x", true, false, null]',
      '{"": {"": {"": 1}}}',
    ]) {
      const careful = parseJsonCarefully(text);
      expect(careful.ok, text).toBe(true);
      expect(scan(text), text).toEqual(careful.ok ? { value: careful.value, node: careful.node } : undefined);
    }
  });

  it.each([
    ['{:"a"}', 'a colon with no key'],
    ['{"a"::1}', 'two colons'],
    ['[1:2]', 'a colon in an array'],
    ['{"a":1:2}', 'a colon after a value'],
    ['[1 2]', 'two numbers with no comma'],
    ['{"a":1 2}', 'a number after a member'],
    ['1 2', 'a second number after the value'],
    ['1 [', 'a container opened after the value'],
    ['1 []', 'a container after the value'],
    ['[1] {}', 'a second container after the value'],
    ['{"a" []}', 'a container where the colon goes'],
    ['[1 [2]]', 'a container with no comma before it'],
    ['{[1]: 2}', 'a container as a key'],
  ])('gives up on %j (%s), which the careful reader refuses', (text) => {
    expect(scan(text)).toBeUndefined();
    expect(parseJsonCarefully(text).ok).toBe(false);
  });

  // An own "__proto__" is an ordinary data property, as JSON.parse makes it: one that could not
  // be written or deleted would behave unlike every other key of the record.
  it('makes "__proto__" the same own property JSON.parse makes', () => {
    const text = '{"__proto__": {"pinned": true}, "a": 1}';
    const value = scan(text)?.value as object;
    const parsed = JSON.parse(text) as object;
    for (const key of ['__proto__', 'a'])
      expect(Object.getOwnPropertyDescriptor(value, key)).toEqual(
        Object.getOwnPropertyDescriptor(parsed, key),
      );
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});
