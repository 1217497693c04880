import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMigrationModule } from '../../src/migrations/alembic-module.js';
import { initMigrationParsers } from '../../src/migrations/sql-parser.js';
import { repositoryPythonFiles } from './repository-python-files.js';

beforeAll(() => initMigrationParsers());

const syntaxError = (src: string) => readMigrationModule('v/x.py', src).syntaxError?.value;

/** Python CPython rejects and lezer accepts: [source, CPython's message with the line]. */
const REJECTED: [string, string][] = [
  ['x = "unterminated\ny = 1\n', 'unterminated string literal (line 1)'],
  ["x = 'a\\'\ny = 1\n", 'unterminated string literal (line 1)'],
  ['x = f"abc\n', 'unterminated string literal (line 1)'],
  ['x = 1\ny = """never closed\nz = 2\n', 'unterminated triple-quoted string literal (line 2)'],
  ['def f():\n    return 1\n  y = 2\n', 'unindent does not match any outer indentation level (line 3)'],
  [
    'def f():\n    if x:\n        return 1\n      y = 2\n',
    'unindent does not match any outer indentation level (line 4)',
  ],
  ['x = 1\n    y = 2\n', 'unexpected indent (line 2)'],
  ['    x = 1\n', 'unexpected indent (line 1)'],
  ['print "hello"\n', "Missing parentheses in call to 'print'. Did you mean print(...)? (line 1)"],
  ['import sqlalchemy as sa,\n', 'trailing comma not allowed without surrounding parentheses (line 1)'],
  ['from a import b,\n', 'trailing comma not allowed without surrounding parentheses (line 1)'],
  ['f(a=1, 2)\n', 'positional argument follows keyword argument (line 1)'],
  ['f(**k, 2)\n', 'positional argument follows keyword argument unpacking (line 1)'],
  ['f(**k, *a)\n', 'iterable argument unpacking follows keyword argument unpacking (line 1)'],
  ['f(x for x in y, 1)\n', 'Generator expression must be parenthesized (line 1)'],
  ['f(1, x for x in y)\n', 'Generator expression must be parenthesized (line 1)'],
  ['1 = x\n', 'cannot assign to literal (line 1)'],
  ['f() = 1\n', 'cannot assign to function call (line 1)'],
  ['a = "b" = c\n', 'cannot assign to literal (line 1)'],
  ['a, b += 1\n', "'tuple' is an illegal expression for augmented assignment (line 1)"],
  ['f() += 1\n', "'function call' is an illegal expression for augmented assignment (line 1)"],
  ['del f()\n', 'cannot delete function call (line 1)'],
  [
    'x = 0777\n',
    'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (line 1)',
  ],
  ['def f(a, b=a, *, a): pass\n', "duplicate argument 'a' in function definition (line 1)"],
  ['g = lambda a, a: 0\n', "duplicate argument 'a' in function definition (line 1)"],
  ['x = 1\nbreak\n', "'break' outside loop (line 2)"],
  ['for x in y:\n    def f():\n        continue\n', "'continue' not properly in loop (line 3)"],
  ['nonlocal x\n', 'nonlocal declaration not allowed at module level (line 1)'],
  ['class C:\n    nonlocal x\n', 'nonlocal declaration not allowed at module level (line 2)'],
  ['def f():\n    await x\n', "'await' outside async function (line 2)"],
  ['await x\n', "'await' outside function (line 1)"],
  ['async def f():\n    g = lambda: await x\n', "'await' outside async function (line 2)"],
  [
    'import os\nfrom __future__ import annotations\n',
    'from __future__ imports must occur at the beginning of the file (line 2)',
  ],
  ['from __future__ import braces\n', 'future feature braces is not defined (line 1)'],
];

/** Valid Python that looks like the above: no syntax error. */
const ACCEPTED = [
  'x = "a" \'b\' """c\n""" r"\\\\" f"{x!r}" rb\'\\\\\'\n',
  's = "a\\\\"\nt = """x\\""" """\n',
  'def f(a, /, b, *, c=1, **kw): pass\nf(1, *a, b=2, *c, **d)\nf(a := 1, b=2)\nf((x for x in y), 1)\nf(x for x in y)\n',
  'print("x")\nprint -1\nprint\nx = print\n',
  'from sqlalchemy import (\n    Column,\n    Integer,\n)\nimport a.b as c, d\n',
  'x: int = 1\na.b = c[1] = d\n(a, [b, *c]) = e\na.b += 1\nx[1] += 2\ndel a, b.c, d[1], (e, f)\n',
  'x = 0 + 00 + 0_0 + 0777j + 07.5 + 0e1 + 0x1F + 0o17 + 0b1 + 1_000\n',
  'def f(a, b=a, *args, c=b, **kwargs): return lambda x, y=x: y\n',
  'for x in y:\n    if x:\n        break\n    while True:\n        continue\nelse:\n    pass\n',
  'def f():\n    x = 1\n    def g():\n        nonlocal x\n    class C:\n        nonlocal x\n',
  'async def f():\n    await x\n    [await y for y in z]\n    async with a as b:\n        await b\n',
  '"""Doc."""\n# comment\nfrom __future__ import annotations, division as d\nfrom __future__ import (generator_stop)\nimport os\n',
  'lambda: (yield)\ndef g():\n    x = yield\n    y = (yield)\n',
  'if x:  pass\nif y: a = 1; b = 2\nx = [\n  1,\n      2]\ny = 1 + \\\n        2\n',
  'def f():\n\tif x:\n\t\treturn 1\n\treturn 2\n',
  '\ufeffimport os\n',
  'class C(Base, metaclass=M): x = 1\n@d(1, a=2)\ndef g(): pass\n',
];

describe('python-compile-checks: what CPython rejects and lezer accepts', () => {
  for (const [src, message] of REJECTED)
    it(`rejects ${JSON.stringify(src)}`, () => {
      expect(syntaxError(src)).toBe(message);
    });

  for (const src of ACCEPTED)
    it(`accepts ${JSON.stringify(src)}`, () => {
      expect(syntaxError(src)).toBeUndefined();
    });

  it('sees through the nodes lezer adds to balance long lists (5,000 statements, 5,000 arguments)', () => {
    const body = Array.from({ length: 5000 }, (_, i) => `    x${i} = ${i}\n`).join('');
    const args = Array.from({ length: 5000 }, (_, i) => `${i}`).join(', ');
    expect(syntaxError(`def f():\n${body}f(${args})\n`)).toBeUndefined();
    expect(syntaxError(`def f():\n${body}   y = 1\nf(${args})\n`)).toBe(
      'unindent does not match any outer indentation level (line 5002)',
    );
    expect(syntaxError(`f(${args}, a=1, 2)\n`)).toBe('positional argument follows keyword argument (line 1)');
  });

  it('reports the earlier of a lezer error and a compile error', () => {
    expect(syntaxError('print "a"\ndef f(:\n    pass\n')).toMatch(/^Missing parentheses.*\(line 1\)$/);
    expect(syntaxError('def f(:\n    pass\nprint "a"\n')).toBe("'(' is never closed (line 1)");
  });

  it('finds no error in any Python file of the repository but the MIG130 triggers and the broken env.py of MIG037', () => {
    const files = repositoryPythonFiles();
    expect(files.length).toBeGreaterThan(100);
    const flagged = files.filter((f) => syntaxError(readFileSync(f, 'utf8')) !== undefined);
    const meant = (f: string) =>
      f.includes('/fixtures/MIG130/trigger') ||
      f.endsWith('/fixtures/MIG037/trigger-env-unparsable/alembic/env.py');
    expect(flagged.filter((f) => !meant(f))).toEqual([]);
  });
});

describe('generator expressions as the only argument', () => {
  it('accept a comma between the targets of `for` (`sorted(k for k, v in items)`)', () => {
    expect(syntaxError('x = sorted(k for k, v in items.items() if v)\n')).toBeUndefined();
    expect(syntaxError('x = sorted(f"{a}:{d}" for a, d in pairs)\n')).toBeUndefined();
    expect(syntaxError('x = f(k for k in a, 1)\n')).toMatch(/^Generator expression must be parenthesized/);
  });
});
