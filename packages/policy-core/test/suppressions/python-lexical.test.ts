import { describe, expect, it } from 'vitest';
import { insideString, pythonLexicalMap } from '../../src/suppressions/python-lexical.js';

const commentsOf = (text: string) => [...pythonLexicalMap(text).comments].map((at) => text.slice(at));

describe('pythonLexicalMap (where a `#` starts a comment)', () => {
  it('skips `#` inside strings of every quoting, prefix and escape', () => {
    const text = [
      'a = "x # y"  # one',
      "b = r'\\'#'  # two",
      'c = f"""',
      '# not a comment',
      '"""  # three',
      "d = b'#' + u'\\\\'  # four",
    ].join('\n');
    expect(commentsOf(text).map((c) => c.split('\n')[0])).toEqual(['# one', '# two', '# three', '# four']);
  });

  it('ends an unclosed single-quoted string at the line end, as Python does', () => {
    expect(commentsOf('x = "open\n# a comment after the broken line\n')).toEqual([
      '# a comment after the broken line\n',
    ]);
  });

  it('knows which offsets are inside strings', () => {
    const text = 'op.execute("""\n-- sql\n""")  -- not sql';
    const map = pythonLexicalMap(text);
    expect(insideString(map, text.indexOf('-- sql'))).toBe(true);
    expect(insideString(map, text.indexOf('-- not'))).toBe(false);
    expect(insideString(map, 0)).toBe(false);
  });
});
