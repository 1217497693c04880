import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { slipwayInProcess } from '../helpers/in-process-cli.js';

const POLICY = 'version: 1\nprotected:\n  paths: [core/]\n';
const repos: TempRepo[] = [];
function repo(files: Record<string, string>): TempRepo {
  const r = new TempRepo(files);
  repos.push(r);
  return r;
}
afterAll(() => {
  for (const r of repos) r.dispose();
});

/**
 * A command's answer to good input (a near miss, help, a report): the CLI's bundle run in this
 * process (in-process-cli.ts), as the answer is the command's, not the process's. Every bad input
 * stays a child process (`slipway`): the one line and exit 2 a user's shell gets are the subject.
 */
const answer = slipwayInProcess;

/** Every bad input: one line on stderr, exit 2, no stack trace. */
function expectOneLine(r: { code: number; stderr: string; stdout: string }, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  // Bad input is the user's to fix: never reported as Slipway's own failure. (An error class
  // loaded twice, say by a bundle that copied a module, fails `instanceof` and lands there.)
  expect(r.stderr).not.toMatch(/internal error/);
}

describe('slipway check: bad input', () => {
  it('--tree with --head or --base: one would be ignored, so it is refused', () => {
    const r = repo({ 'slipway.yaml': POLICY });
    r.commit('init');
    for (const cmd of ['check', 'guard'])
      for (const range of [
        ['--head', 'HEAD'],
        ['--base', 'HEAD'],
      ]) {
        expectOneLine(
          slipway([cmd, '--tree', ...range], { cwd: r.dir }),
          new RegExp(`--tree checks the working tree without a change, and ${range[0]} names a change`),
        );
      }
    // Near miss: either alone is fine.
    expect(answer(['check', '--tree'], { cwd: r.dir }).code).toBe(0);
    expect(answer(['check', '--head', 'HEAD'], { cwd: r.dir }).code).toBe(0);
  });

  it('missing policy file: says so and suggests init', () => {
    const r = repo({ 'a.txt': 'x' });
    r.commit('init');
    expectOneLine(
      slipway(['check'], { cwd: r.dir }),
      /no slipway\.yaml or slipway\.toml in .*run `slipway init`/,
    );
  });

  it('invalid YAML: file:line:col', () => {
    const r = repo({ 'slipway.yaml': 'version: 1\nprotected:\n  paths: [core/\n' });
    r.commit('init');
    expectOneLine(
      slipway(['check', '--tree'], { cwd: r.dir }),
      /slipway\.yaml:\d+:\d+: invalid policy: invalid YAML/,
    );
  });

  it('invalid TOML: file:line:col', () => {
    const r = repo({ 'slipway.toml': 'version = 1\n[protected\n' });
    r.commit('init');
    expectOneLine(
      slipway(['check', '--tree'], { cwd: r.dir }),
      /slipway\.toml:2:\d+: invalid policy: invalid TOML/,
    );
  });

  it('schema error: names the key and its position', () => {
    const r = repo({ 'slipway.yaml': 'version: 1\nprotected:\n  paths: [core/]\n  lable: x\n' });
    r.commit('init');
    expectOneLine(
      slipway(['check', '--tree'], { cwd: r.dir }),
      /slipway\.yaml:4:3: invalid policy: unknown key `protected\.lable`/,
    );
  });

  it('unknown flag and unknown format', () => {
    const r = repo({ 'slipway.yaml': POLICY });
    expectOneLine(
      slipway(['check', '--bogus'], { cwd: r.dir }),
      /Unknown option '--bogus'.*slipway check --help/,
    );
    expectOneLine(slipway(['check', '--format', 'xml'], { cwd: r.dir }), /unknown format `xml`/);
    expectOneLine(slipway(['frobnicate'], { cwd: r.dir }), /unknown command `frobnicate`; run/);
  });

  it('a typo gets "did you mean": commands, flags, rule ids and families; help <command> is --help', () => {
    const r = repo({ 'slipway.yaml': POLICY });
    expectOneLine(slipway(['chekc'], { cwd: r.dir }), /unknown command `chekc` \(did you mean `check`\?\)/);
    expectOneLine(
      slipway(['check', '--bsae', 'main'], { cwd: r.dir }),
      /'--bsae' \(did you mean `--base`\?\)/,
    );
    expectOneLine(
      slipway(['check', '--tree', '--rule', 'MIG0O1'], { cwd: r.dir }),
      /`MIG0O1`.*\(did you mean `MIG001`\?\)/,
    );
    expectOneLine(
      slipway(['check', '--tree', '--rule', 'DPE'], { cwd: r.dir }),
      /`DPE`.*\(did you mean `DEP`\?\)/,
    );
    expectOneLine(slipway(['explain', 'PATH01'], { cwd: r.dir }), /\(did you mean `PATH001`\?\)/);
    // Too far from anything: no guess.
    expectOneLine(
      slipway(['check', '--tree', '--rule', 'XYZ999'], { cwd: r.dir }),
      /`XYZ999` for `slipway check --rule`; run/,
    );
    const help = answer(['help', 'guard'], { cwd: r.dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(answer(['guard', '--help'], { cwd: r.dir }).stdout);
    expect(help.stdout).toMatch(/^Usage: slipway guard/);
  });

  it('not a git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-nogit-'));
    try {
      // init refuses a folder outside git (the policy is checked against history): write one by hand.
      expectOneLine(slipway(['init', '--repo', dir], { cwd: tmpdir() }), /not a git repository/);
      writeFileSync(join(dir, 'slipway.yaml'), 'version: 1\n');
      expectOneLine(slipway(['check', '--repo', dir], { cwd: tmpdir() }), /not a git repository/);
      // Checking the tree as it is needs no git.
      expect(answer(['check', '--tree', '--repo', dir], { cwd: tmpdir() }).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('unknown base ref', () => {
    const r = repo({ 'slipway.yaml': POLICY, 'core/a.py': 'x' });
    r.commit('init');
    expectOneLine(slipway(['check', '--base', 'no-such-ref'], { cwd: r.dir }), /no-such-ref/);
  });

  it('empty repository', () => {
    const r = repo({ 'slipway.yaml': POLICY });
    expectOneLine(slipway(['check'], { cwd: r.dir }), /no commits|empty/i);
  });

  it('a change set of deleted files only is a correct result', () => {
    const r = repo({ 'slipway.yaml': POLICY, 'core/a.py': 'x', 'docs/b.md': 'y' });
    r.commit('init');
    r.git('checkout', '-q', '-b', 'feature');
    r.remove('core/a.py', 'docs/b.md');
    r.commit('delete');
    const out = answer(['check', '--format', 'json', '--label', 'other'], { cwd: r.dir });
    expect(out.stderr).toBe('');
    const json = JSON.parse(out.stdout);
    expect(json.version).toBe(1);
    expect(out.code).toBe(json.summary.errors > 0 ? 1 : 0);
  });
});

describe('slipway: other commands', () => {
  it('--help and --version', () => {
    expect(answer(['--help']).stdout).toContain('check');
    expect(answer(['--version']).stdout).toMatch(/^slipway \d+\.\d+\.\d+/);
    expect(answer(['check', '--help']).stdout).toContain('--base REF');
  });

  it('schema prints a JSON Schema that describes the policy', () => {
    const r = answer(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toContain('2020-12');
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['version', 'protected', 'agents', 'rules']),
    );
  });

  it('explain: a rule, an unknown rule, the list', () => {
    expect(answer(['explain', 'POL002']).stdout).toContain('POL002 — path pattern matches no file');
    expectOneLine(slipway(['explain', 'XYZ123']), /unknown rule `XYZ123`/);
    expect(answer(['explain', '--list']).stdout).toMatch(/^POL001 /m);
  });

  it('init writes a valid policy from what it detects and refuses to overwrite', () => {
    const r = repo({
      'backend/app/core/auth.py': '',
      'backend/requirements.txt': 'a==1\n',
      'backend/requirements.lock': 'a==1\n',
      'alembic.ini': '[alembic]\nscript_location = alembic\n',
      'alembic/versions/a.py': '',
      'infrastructure/LAST_PROD_DEPLOY.json': '{}',
      'docs/a.md': '',
    });
    r.commit('init');
    const first = answer(['init'], { cwd: r.dir });
    expect(first.code).toBe(0);
    const explained = answer(['explain', 'alembic/versions/a.py', 'backend/app/core/auth.py', 'docs/a.md'], {
      cwd: r.dir,
    });
    // Protected: what exists (the migrations), never a template's backend/app/core/.
    expect(explained.stdout).toMatch(
      /alembic\/versions\/a\.py: protected: pattern `alembic\/` decided \(slipway\.yaml line \d+\)/,
    );
    expect(explained.stdout).toMatch(/backend\/app\/core\/auth\.py: not protected/);
    expect(explained.stdout).toMatch(/docs\/a\.md: agents may edit it: pattern `\/docs\/` decided/);
    expect(explained.stdout).toMatch(/docs\/a\.md: not protected: no pattern in protected\.paths matches/);
    expectOneLine(slipway(['init'], { cwd: r.dir }), /slipway\.yaml already exists.*--force/);
    expect(answer(['init', '--force'], { cwd: r.dir }).code).toBe(0);
  });
});
