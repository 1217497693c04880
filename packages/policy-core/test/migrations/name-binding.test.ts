import type { SyntaxNode } from '@lezer/common';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  boundValue,
  forgetBoundNames,
  type NameScope,
  noteModuleStatement,
} from '../../src/migrations/name-binding.js';
import { initPythonParser, parsePythonText } from '../../src/migrations/python-parser.js';
import { staticString } from '../../src/migrations/python-syntax.js';

beforeAll(() => initPythonParser());

/** What each name stands for after the module's statements, as an op argument reads it. */
function moduleStrings(src: string, asked: string[]): Record<string, string | undefined> {
  const tree = parsePythonText(src);
  const moduleNames = new Map<string, SyntaxNode | null>();
  for (let s = tree.topNode.firstChild; s; s = s.nextSibling) noteModuleStatement(s, src, moduleNames);
  const scope: NameScope = { src, names: new Map(), moduleNames };
  return Object.fromEntries(
    asked.map((name) => {
      const value = boundValue(name, scope);
      return [name, value ? staticString(value, src)?.value : undefined];
    }),
  );
}

describe('names bound to one string', () => {
  it('follows a plain, an annotated and a chained assignment', () => {
    const src = 'A = "a"\nB: str = "b"\nC = D = "cd"\n';
    expect(moduleStrings(src, ['A', 'B', 'C', 'D'])).toEqual({ A: 'a', B: 'b', C: 'cd', D: 'cd' });
  });

  it('follows no name bound twice, unpacked from a tuple or augmented', () => {
    const src = 'A = "a"\nA = "again"\nB, C = "b", "c"\n[E, F] = "e", "f"\nG = "g"\nG += "h"\n';
    expect(moduleStrings(src, ['A', 'B', 'C', 'E', 'F', 'G'])).toEqual({
      A: undefined,
      B: undefined,
      C: undefined,
      E: undefined,
      F: undefined,
      G: undefined,
    });
  });

  it('forgets a name that an if, a try, a loop, an import, a walrus or a with may bind', () => {
    const src = [
      'A = "a"',
      'B = "b"',
      'C = "c"',
      'D = "d"',
      'E = "e"',
      'F = "f"',
      'G = "g"',
      'if flag:',
      '    A = "other"',
      'try:',
      '    pass',
      'except Exception as B:',
      '    pass',
      'for C in range(3):',
      '    pass',
      'from somewhere import D',
      'print(E := "x")',
      'with open("f") as F:',
      '    pass',
      'match value:',
      '    case [G]:',
      '        pass',
      '',
    ].join('\n');
    expect(moduleStrings(src, ['A', 'B', 'C', 'D', 'E', 'F', 'G'])).toEqual({
      A: undefined,
      B: undefined,
      C: undefined,
      D: undefined,
      E: undefined,
      F: undefined,
      G: undefined,
    });
  });

  it("keeps what a function's or a class's own names bind, an attribute or an item set, to themselves", () => {
    const src = [
      'A = "a"',
      'B = "b"',
      'C = "c"',
      'def helper():',
      '    A = "local"',
      'class Model:',
      '    B = "attribute"',
      'if flag:',
      '    C.attr = "x"',
      '    C[0] = "y"',
      '',
    ].join('\n');
    expect(moduleStrings(src, ['A', 'B', 'C'])).toEqual({ A: 'a', B: 'b', C: 'c' });
  });

  it('forgets every name bound inside a statement it is asked to forget', () => {
    const src = 'if flag:\n    a = "x"\n    for b, c in pairs:\n        pass\nelse:\n    d = "y"\n';
    const tree = parsePythonText(src);
    const names = new Map<string, SyntaxNode | null>();
    forgetBoundNames(tree.topNode.firstChild as SyntaxNode, src, names);
    expect([...names.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...names.values()].every((v) => v === null)).toBe(true);
  });
});
