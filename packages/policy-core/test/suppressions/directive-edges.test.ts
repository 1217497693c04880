import { describe, expect, it } from 'vitest';
import { agentWrittenGuard, eitherRefuses, lineKey } from '../../src/suppressions/agent-written.js';
import { commentPrefix, findDirectives, mentionsDirective } from '../../src/suppressions/directives.js';
import { fileDirectives } from '../../src/suppressions/file-directives.js';
import { insideString, pythonLexicalMap } from '../../src/suppressions/python-lexical.js';
import { suppressibleInCode, waivableInPolicy } from '../../src/suppressions/suppressible.js';

/**
 * The edges of reading a `slipway: allow` comment, each one a way a comment could count where it
 * should not (or be lost where it should count): which files take which comment syntax, what
 * reads as an attempt, where a Python string ends, and which guards may refuse a comment.
 */

describe('commentPrefix: the comment syntax a file name takes', () => {
  it('matches the extension at the end of the name only', () => {
    expect(commentPrefix('docs/notes.py')).toBe('#');
    expect(commentPrefix('docs/notes.py.md')).toBeUndefined();
    expect(commentPrefix('deploy/values.yml')).toBe('#');
    expect(commentPrefix('db/2024.sql')).toBe('--');
    expect(commentPrefix('migrations/1-init.mts')).toBe('//');
    expect(commentPrefix('migrations/2-users.ts')).toBe('//');
    expect(commentPrefix('knexfile.js')).toBe('//');
  });

  it('takes requirements files by their name’s start, with or without an extension', () => {
    expect(commentPrefix('requirements')).toBe('#');
    expect(commentPrefix('ci/requirements-dev')).toBe('#');
    expect(commentPrefix('ci/dev-requirements')).toBeUndefined();
    expect(commentPrefix('README')).toBeUndefined();
    expect(commentPrefix('package.json')).toBeUndefined();
  });

  it('gives bun.lock none (JSONC: a `#` line breaks it for Bun), while the other `.lock` files keep `#`', () => {
    expect(commentPrefix('bun.lock')).toBeUndefined();
    expect(commentPrefix('web/bun.lock')).toBeUndefined();
    expect(commentPrefix('uv.lock')).toBe('#');
    expect(commentPrefix('yarn.lock')).toBe('#');
    expect(
      fileDirectives('bun.lock', '{\n# slipway: allow DEP005 -- x\n  "lockfileVersion": 1\n}\n'),
    ).toEqual([]);
  });
});

describe('findDirectives: what reads as a directive', () => {
  it('finds `slipway:` one character into the text', () => {
    expect(mentionsDirective('#slipway: allow X')).toBe(true);
  });

  it('reports `slipway:allow` without a space or a rule as a malformed attempt naming no rule', () => {
    const [d, ...rest] = findDirectives('#slipway:allow\nDROP TABLE a;\n', '#');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ malformed: true, rules: [], reason: '', targetLine: 1 });
  });

  it('leaves other `slipway:` comments alone', () => {
    expect(findDirectives('# slipway: see the docs\n# slipway: allowed list below\nx\n', '#')).toEqual([]);
  });

  it('reads the rules and the reason, upper-casing rules, a trailing comment targeting its own line', () => {
    const [d] = findDirectives('x = 1  # slipway: allow mig001,  DEP002 --   why not  \n', '#');
    expect(d).toMatchObject({ rules: ['MIG001', 'DEP002'], reason: 'why not', targetLine: 0 });
  });

  it('targets the first code line below a block of comments, and past the end when none follows', () => {
    const [below] = findDirectives('-- slipway: allow MIG001 -- r\n-- more\n-- still\nDROP TABLE a;\n', '--');
    expect(below?.targetLine).toBe(3);
    const [atEnd] = findDirectives('SELECT 1;\n-- slipway: allow MIG001 -- r\n-- trailing note', '--');
    expect(atEnd?.targetLine).toBe(3);
  });
});

describe('fileDirectives: Python comments, and SQL comments inside Python strings', () => {
  it('takes a `#` directive in a string as data, in .py and .pyi alike', () => {
    const text = 'x = "# slipway: allow MIG001 -- r"\ny = 1\n';
    expect(fileDirectives('a.py', text)).toEqual([]);
    expect(fileDirectives('stubs/a.pyi', text)).toEqual([]);
  });

  it('marks a real comment as not embedded and an SQL comment inside a string as embedded', () => {
    const text =
      '# slipway: allow MIG002 -- r\nop.execute("""\n-- slipway: allow MIG001 -- r\nDROP TABLE a\n""")\n';
    expect(
      fileDirectives('v/a1.py', text).map((f) => [f.prefix, f.embedded, f.directive.targetLine]),
    ).toEqual([
      ['#', false, 1],
      ['--', true, 3],
    ]);
  });

  it('needs the `--` of an SQL comment inside a string: bare `slipway: allow` text is data', () => {
    expect(fileDirectives('v/a1.py', 'op.execute("slipway: allow MIG001 -- r")\n')).toEqual([]);
  });
});

describe('insideString: a string’s span runs from its opening quote to its closing one', () => {
  it('holds the opening quote and not the character after the closing one', () => {
    const text = 'x = "ab"+y';
    const map = pythonLexicalMap(text);
    expect(insideString(map, text.indexOf('"'))).toBe(true);
    expect(insideString(map, text.lastIndexOf('"'))).toBe(true);
    expect(insideString(map, text.indexOf('+'))).toBe(false);
  });
});

describe('the guards that may refuse a comment', () => {
  const d = findDirectives('-- slipway: allow MIG001 -- r\nDROP TABLE a;\n', '--')[0];
  if (!d) throw new Error('no directive');

  it('has no promote guard without agent-written lines, and refuses only the comment’s own line', () => {
    expect(agentWrittenGuard(new Map())).toBeUndefined();
    const guard = agentWrittenGuard(new Map([[lineKey('db/a.sql', 0), 'an agent wrote it']]));
    expect(guard?.('db/a.sql', '', d)).toBe('an agent wrote it');
    expect(guard?.('db/b.sql', '', d)).toBeUndefined();
    expect(
      guard?.('db/a.sql', '', { ...d, range: { ...d.range, start: { line: 1, character: 0 } } }),
    ).toBeUndefined();
  });

  it('asks each guard in turn: the first refusal wins, none refusing lets the comment count', () => {
    const no = () => undefined;
    expect(eitherRefuses(undefined, no)).toBe(no);
    const both = eitherRefuses(
      () => 'first',
      () => 'second',
    );
    expect(both?.('f', '', d)).toBe('first');
    expect(eitherRefuses(no, () => 'second')?.('f', '', d)).toBe('second');
    expect(eitherRefuses(no, no)?.('f', '', d)).toBeUndefined();
  });

  it('lets a policy waiver lift any family but the suppression and policy rules; a comment what the rule allows', () => {
    expect((['MIG', 'PATH', 'DEP'] as const).map((family) => waivableInPolicy({ family }))).toEqual([
      true,
      true,
      true,
    ]);
    expect(waivableInPolicy({ family: 'SUP' })).toBe(false);
    expect(waivableInPolicy({ family: 'POL' })).toBe(false);
    expect(suppressibleInCode({ suppressible: false })).toBe(false);
    expect(suppressibleInCode({})).toBe(true);
  });
});
