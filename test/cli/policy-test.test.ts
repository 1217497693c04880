import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import { TempRepo } from '../helpers/git-repo.js';

/**
 * `slipway test` through the built CLI: the bundled examples' cases, a failing case's diff, the
 * bad inputs (exit 2, one line each), and a policy change judged against the base's cases on a
 * real git repository.
 */
const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const dirs: string[] = [];
const repos: TempRepo[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const r of repos) r.dispose();
});
const temp = (files: Record<string, string>) => {
  const r = new TempRepo(files);
  repos.push(r);
  return r;
};

const POLICY = `version: 1
protected:
  label: approved-core-change
  paths: [backend/app/core/]
agents:
  branches: ["auto/*"]
`;
const CASES = `version: 1
cases:
  - name: an agent's change to core fails
    change:
      branch: auto/fix
      files: [backend/app/core/auth.py]
    expect:
      exit: 1
      findings: [PATH003 backend/app/core/auth.py]
  - name: a person's change with the label passes
    change:
      labels: [approved-core-change]
      files: [backend/app/core/auth.py]
    expect:
      findings: none
`;

// `yaml` is policy-core's dependency; resolve it from there to read the examples as data.
const YAML = createRequire(join(examples, '../packages/policy-core/package.json'))('yaml') as {
  parse(text: string): unknown;
};

describe('slipway test on the bundled examples', () => {
  const schema = slipway(['schema', '--tests']);
  const validate = new Ajv2020.default({ allErrors: true, strict: true }).compile(JSON.parse(schema.stdout));

  for (const name of ['mayassistant', 'autonomos', 'tradebot'])
    it(`${name}: every case of its slipway.tests.yaml passes, and the file validates against \`slipway schema --tests\``, () => {
      const cases = YAML.parse(readFileSync(join(examples, name, 'slipway.tests.yaml'), 'utf8'));
      expect(validate(cases), JSON.stringify(validate.errors)).toBe(true);
      const dir = mkdtempSync(join(tmpdir(), `slipway-example-${name}-`));
      dirs.push(dir);
      cpSync(join(examples, name), dir, { recursive: true });
      const r = slipway(['test', '--format', 'json'], { cwd: dir });
      expect(r.stderr).toBe('');
      const report = JSON.parse(r.stdout) as {
        summary: { cases: number; failed: number };
        cases: { name: string; passed: boolean }[];
      };
      expect(report.cases.filter((c) => !c.passed).map((c) => c.name)).toEqual([]);
      expect(report.summary.cases).toBeGreaterThanOrEqual(5);
      expect(r.code).toBe(0);
    });
});

describe('slipway test', () => {
  it('prints each case like a test runner, and a failing one as expected (-) against got (+)', () => {
    const r = temp({ 'slipway.yaml': POLICY, 'slipway.tests.yaml': CASES.replace('exit: 1', 'exit: 0') });
    const out = slipway(['test'], { cwd: r.dir });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    const lines = out.stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'slipway.tests.yaml',
      "  ✗ an agent's change to core fails  (slipway.tests.yaml:3)",
      '      exit: expected 0, got 1',
      '      findings got:',
      expect.stringMatching(
        /^ {10}PATH003 backend\/app\/core\/auth\.py {2}`backend\/app\/core\/auth\.py` on agent branch/,
      ),
      "  ✓ a person's change with the label passes",
      '',
    ]);
    expect(lines[7]).toMatch(/^2 cases: 1 passed, 1 failed \(\d+ ms\)$/);

    r.write({ 'slipway.tests.yaml': CASES.replace('PATH003 backend', 'PATH001 backend') });
    const diff = slipway(['test'], { cwd: r.dir }).stdout.split('\n');
    expect(diff.slice(1, 6)).toEqual([
      "  ✗ an agent's change to core fails  (slipway.tests.yaml:3)",
      '      findings (- expected, + got):',
      '        - PATH001 backend/app/core/auth.py',
      '        + PATH003 backend/app/core/auth.py  error',
      expect.stringMatching(/^ {12}`backend\/app\/core\/auth\.py` on agent branch `auto\/fix` is protected/),
    ]);
  });

  it('passes: exit 0; --format json has every case, expected and got', () => {
    const r = temp({ 'slipway.yaml': POLICY, 'slipway.tests.yaml': CASES });
    const out = slipway(['test'], { cwd: r.dir });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^2 cases: 2 passed \(\d+ ms\)$/m);
    const json = JSON.parse(slipway(['test', '--format', 'json'], { cwd: r.dir }).stdout);
    expect(json.summary).toMatchObject({ cases: 2, passed: 2, failed: 0 });
    expect(json.cases[0]).toMatchObject({
      file: 'slipway.tests.yaml',
      line: 3,
      expected: { exit: 1, findings: ['PATH003 backend/app/core/auth.py'] },
      got: { exit: 1, findings: [{ rule: 'PATH003', file: 'backend/app/core/auth.py', severity: 'error' }] },
    });
  });

  it('runs the files of a slipway.tests/ folder, or the files named', () => {
    const r = temp({
      'slipway.yaml': POLICY,
      'slipway.tests/core.yaml': CASES,
      'other/more.yml': CASES.replace(/name: /g, 'name: more, '),
    });
    expect(slipway(['test'], { cwd: r.dir }).stdout).toMatch(/^slipway\.tests\/core\.yaml\n/);
    const named = slipway(['test', 'other'], { cwd: r.dir });
    expect(named.stdout).toMatch(/^other\/more\.yml\n/);
    expect(named.code).toBe(0);
  });
});

describe('slipway test: what it refuses, in one line each (exit 2)', () => {
  const refuse = (tests: string, files: Record<string, string> = {}) => {
    const r = temp({ 'slipway.yaml': POLICY, 'slipway.tests.yaml': tests, ...files });
    const out = slipway(['test'], { cwd: r.dir });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).not.toMatch(/\n\s+at /);
    return out.stderr.trimEnd().split('\n');
  };

  it('a broken test file: its line and column', () => {
    expect(refuse(CASES.replace('    expect:\n      exit: 1', '    expect:\n      exits: 1'))).toEqual([
      'slipway test: slipway.tests.yaml:8:7: unknown key `cases[0].expect.exits`; check its spelling against `slipway schema --tests` or remove it',
    ]);
    expect(
      refuse(CASES.replace('      branch: auto/fix\n', '      branch: auto/fix\n     bad indent\n'))[0],
    ).toMatch(/^slipway test: slipway\.tests\.yaml:6:\d+: invalid YAML: /);
  });

  it('a case naming an unknown rule', () => {
    expect(refuse(CASES.replace('PATH003 backend', 'PTH003 backend'))).toEqual([
      'slipway test: slipway.tests.yaml:9:18: unknown rule `PTH003` in the expected findings (did you mean `PATH003`?); `slipway explain RULE` describes each rule',
    ]);
  });

  it('a test file past its size limit, and an alias bomb', () => {
    expect(refuse(`${CASES}# ${'x'.repeat(5 * 1024 * 1024)}\n`)).toEqual([
      'slipway test: slipway.tests.yaml:1:1: the test file is 5.0 MB, more than the 4.0 MB a policy test file may be; split its cases into files of a slipway.tests/ folder',
    ]);
    const bomb = [
      'x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      ...Array.from(
        { length: 6 },
        (_, i) => `x${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`,
      ),
      CASES,
    ].join('\n');
    expect(refuse(bomb)).toEqual([
      'slipway test: slipway.tests.yaml:1:1: invalid YAML: aliases expand to more than 1000 values (a "billion laughs" document); write the values out',
    ]);
  });

  it('no test file at all, and an invalid policy', () => {
    const r = temp({ 'slipway.yaml': POLICY });
    const none = slipway(['test'], { cwd: r.dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /^slipway test: no policy test cases beside slipway\.yaml in .*: write slipway\.tests\.yaml/,
    );
    r.write({ 'slipway.yaml': 'version: 2\n', 'slipway.tests.yaml': CASES });
    const invalid = slipway(['test'], { cwd: r.dir });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^slipway test: slipway\.yaml:1:10: invalid policy: `version` must be 1/);
  });
});

describe("slipway test --base: a policy change judged by the base's cases and the head's", () => {
  it('a change that unprotects core and drops the case that proved it is shown loosening that verdict', () => {
    const r = temp({ 'slipway.yaml': POLICY, 'slipway.tests.yaml': CASES, 'backend/app/core/auth.py': '' });
    r.commit('policy and its cases');
    r.git('checkout', '-q', '-b', 'loosen');
    r.write({
      'slipway.yaml': POLICY.replace('[backend/app/core/]', '[backend/app/core/legacy/]'),
      'slipway.tests.yaml': `version: 1\ncases:\n${CASES.split("  - name: a person's")[1]?.replace(/^/, "  - name: a person's")}`,
    });
    r.commit('unprotect core');
    const out = slipway(['test', '--base', 'main'], { cwd: r.dir });
    expect(out.stderr).toBe('');
    // The head's own cases pass: the loosening is the reviewer's to see.
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/Policy change since main \(merge base [0-9a-f]{12}\): 1 verdict moved\n/);
    expect(out.stdout).toContain(
      [
        "  loosened  an agent's change to core fails  (the base's case; the head no longer has it)",
        "      under the base's policy: exit 1, PATH003 backend/app/core/auth.py",
        "      under the head's policy: exit 0, no findings",
      ].join('\n'),
    );
    const json = JSON.parse(slipway(['test', '--base', 'main', '--format', 'json'], { cwd: r.dir }).stdout);
    expect(json.policyChange.changes).toMatchObject([
      { shift: 'loosened', from: 'base', base: { exit: 1 }, head: { exit: 0 } },
    ]);
    // With the case kept, the head's own run fails on it.
    r.write({ 'slipway.tests.yaml': CASES });
    const kept = slipway(['test', '--base', 'main'], { cwd: r.dir });
    expect(kept.code).toBe(1);
    expect(kept.stdout).toContain("  loosened  an agent's change to core fails\n");
  });

  it('a base whose policy does not parse, and a base that names no commit: one line, exit 2', () => {
    const r = temp({ 'slipway.yaml': 'version: 1\nprotected: [\n', 'slipway.tests.yaml': CASES });
    r.commit('broken policy');
    r.git('checkout', '-q', '-b', 'fix');
    r.write({ 'slipway.yaml': POLICY });
    r.commit('fix the policy');
    const broken = slipway(['test', '--base', 'main'], { cwd: r.dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(broken.stderr).toMatch(
      /^slipway test: slipway\.yaml on the base \(commit [0-9a-f]{12}\) does not parse \(slipway\.yaml:\d+:\d+: invalid policy: .*\); verdicts under it cannot be compared: repair the policy on main first\n$/,
    );
    const unknown = slipway(['test', '--base', 'no-such-branch'], { cwd: r.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'slipway test: --base no-such-branch names no commit here (fetch it, or name a branch or commit)\n',
    );
  });
});

describe('slipway init and the starter cases', () => {
  it('writes starter cases that pass; --merge and --force keep test cases a person wrote', () => {
    const r = temp({ 'docs/a.md': '', 'db/migrations/001_init.sql': 'CREATE TABLE t (id int);\n' });
    r.commit('project');
    const init = slipway(['init'], { cwd: r.dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^wrote slipway\.tests\.yaml: \d+ starter cases that pass on the policy/m);
    const test = slipway(['test'], { cwd: r.dir });
    expect(test.stdout).toMatch(/ passed \(\d+ ms\)\n$/);
    expect(test.code).toBe(0);
    writeFileSync(join(r.dir, 'slipway.tests.yaml'), CASES);
    for (const flag of ['--merge', '--force']) {
      const again = slipway(['init', flag], { cwd: r.dir });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(
        'slipway.tests.yaml: slipway.tests.yaml (or slipway.tests/) already holds test cases; kept',
      );
      expect(readFileSync(join(r.dir, 'slipway.tests.yaml'), 'utf8')).toBe(CASES);
    }
  });
});
