import { LIMITS, problemLine, readPolicyTestFile } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const FILE = 'slipway.tests.yaml';
const ok = (text: string) => {
  const r = readPolicyTestFile(text, FILE);
  if (!r.ok) throw new Error(r.problems.map(problemLine).join('\n'));
  return r.tests;
};
const problems = (text: string) => {
  const r = readPolicyTestFile(text, FILE);
  if (r.ok) throw new Error('read without a problem');
  return r.problems.map(problemLine);
};

const ONE = `version: 1
cases:
  - name: an agent's change to core fails
    change:
      branch: auto/x
      files:
        - backend/app/core/auth.py
        - renamed: docs/new.md
          from: docs/old.md
    expect:
      exit: 1
      findings: [PATH003 backend/app/core/auth.py, "MIG001 db/1.sql:2", BR001]
`;

describe('readPolicyTestFile', () => {
  it('reads cases, their place and their expected findings (rule, path, line)', () => {
    const tests = ok(ONE);
    expect(tests.cases).toHaveLength(1);
    const [c] = tests.cases;
    expect(c?.name).toBe("an agent's change to core fails");
    expect(c?.range.start.line).toBe(2);
    expect(c?.expect.exit).toBe(1);
    expect(c?.expect.findings?.map(({ rule, file, line }) => ({ rule, file, line }))).toEqual([
      { rule: 'PATH003', file: 'backend/app/core/auth.py', line: undefined },
      { rule: 'MIG001', file: 'db/1.sql', line: 2 },
      { rule: 'BR001', file: undefined, line: undefined },
    ]);
    expect(c?.locate(['expect', 'findings', 1]).start.line).toBe(11);
  });

  it('`findings: none` is no finding at all', () => {
    const tests = ok(ONE.replace(/findings: .*/, 'findings: none'));
    expect(tests.cases[0]?.expect.findings).toEqual([]);
  });

  it('an expected finding of a rule Slipway does not have: its line, and the rule it may mean', () => {
    expect(problems(ONE.replace('PATH003 backend', 'PATH03 backend'))).toEqual([
      'slipway.tests.yaml:12:18: unknown rule `PATH03` in the expected findings (did you mean `PATH003`?); `slipway explain RULE` describes each rule',
    ]);
  });

  it('schema problems at their key or value, the misspelt key first', () => {
    expect(problems(ONE.replace('    expect:', '    expcet:'))).toEqual([
      'slipway.tests.yaml:10:5: unknown key `cases[0].expcet`; check its spelling against `slipway schema --tests` or remove it',
      'slipway.tests.yaml:3:5: `cases[0].expect` is required (expected object); add it',
    ]);
    expect(
      problems(ONE.replace('      branch: auto/x\n', '      branch: auto/x\n      author: agent\n'))[0],
    ).toBe(
      'slipway.tests.yaml:6:15: `cases[0].change.author`: write a person as `Name <email>`, as git shows one',
    );
    expect(problems(ONE.replace('        - backend/app/core/auth.py\n', '        - 12\n'))[0]).toMatch(
      /^slipway\.tests\.yaml:7:11: `cases\[0\]\.change\.files\[0\]`: expected string or object: a path \(modified\)/,
    );
    expect(problems(ONE.replace('          from: docs/old.md\n', ''))).toEqual([
      'slipway.tests.yaml:8:11: `cases[0].change.files[1]`: a rename or copy needs `from:`, the path it had before',
    ]);
    expect(problems(ONE.replace(/ {4}expect:\n.*\n.*\n/, '    expect: {}\n'))).toEqual([
      'slipway.tests.yaml:10:13: `cases[0].expect`: say what the case must get: `exit:`, `findings:`, or both',
    ]);
    expect(problems(ONE.replace('version: 1', 'version: 2'))).toEqual([
      'slipway.tests.yaml:1:10: `version` must be 1 (the only test file version); set `version: 1`',
    ]);
  });

  it('two cases of one name, and both author and commits, are refused', () => {
    const twice = `${ONE}${ONE.split('cases:\n')[1]}`;
    expect(problems(twice)).toEqual([
      'slipway.tests.yaml:13:11: a second case named "an agent\'s change to core fails" (the first is on line 3); give each case its own name',
    ]);
    const both = ONE.replace(
      '      branch: auto/x\n',
      '      branch: auto/x\n      author: A <a@x>\n      commits: [{author: B <b@x>}]\n',
    );
    expect(problems(both)).toEqual([
      'slipway.tests.yaml:6:7: `author:` is shorthand for one commit; with `commits:` given, write the author in each commit',
    ]);
  });

  it('refuses a file past its size limit in one line, before any parser runs', () => {
    const big = `${ONE}#${'x'.repeat(LIMITS.policyTests.chars)}\n`;
    expect(problems(big)).toEqual([
      'slipway.tests.yaml:1:1: the test file is 4.0 MB, more than the 4.0 MB a policy test file may be; split its cases into files of a slipway.tests/ folder',
    ]);
  });

  it('refuses an alias bomb, deep nesting and binary content', () => {
    const lol = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'version: 1',
      'cases: []',
    ].join('\n');
    expect(problems(lol)).toEqual([
      `slipway.tests.yaml:1:1: invalid YAML: aliases expand to more than ${LIMITS.policyTests.yamlAliases} values (a "billion laughs" document); write the values out`,
    ]);
    expect(problems(`version: 1\ncases: ${'['.repeat(100)}${']'.repeat(100)}\n`)[0]).toMatch(
      /^slipway\.tests\.yaml:2:72: lists and maps nest more than 64 levels deep here/,
    );
    expect(problems('version: 1\u0000\n')[0]).toMatch(/is not UTF-8 text/);
  });

  it('refuses more cases than one file may hold', () => {
    const many = `version: 1\ncases:\n${'  - {}\n'.repeat(LIMITS.policyTests.cases + 1)}`;
    expect(problems(many)[0]).toMatch(
      /^slipway\.tests\.yaml:2:1: the test file holds 10,001 cases, more than the 10,000/,
    );
  });
});
