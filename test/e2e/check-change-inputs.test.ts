import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import { expectOneLine, json, repoFactory, rules } from './e2e-helpers.js';

const POLICY = `version: 1
protected:
  label: approved-core-change
  paths: [core/]
agents:
  branches: ["auto/*"]
  allowed: [/docs/]
`;

const repo = repoFactory();

/** main with core/ and docs/; branch `feature` changes a protected file and a doc. */
function featureRepo() {
  const r = repo({ 'slipway.yaml': POLICY, 'core/a.py': 'a\n', 'docs/d.md': 'd\n' });
  const base = r.commit('init');
  r.git('checkout', '-q', '-b', 'feature');
  r.write({ 'core/a.py': 'a2\n', 'docs/d.md': 'd2\n' });
  const head = r.commit('change');
  return { r, base, head };
}

function event(r: { dir: string }, payload: object): string {
  const path = join(r.dir, '..', `${r.dir.split('/').pop()}-event.json`);
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

describe('labels: --label, $GITHUB_EVENT_PATH, unknown', () => {
  it('unknown labels (no flag, no event): PATH001 is a warning naming the label, exit 0', () => {
    const { r } = featureRepo();
    const out = slipway(['check', '--format', 'json'], { cwd: r.dir });
    expect(out.code).toBe(0);
    const [f] = json(out).findings;
    expect(f).toMatchObject({ rule: 'PATH001', severity: 'warning', file: 'core/a.py' });
    expect(f?.message).toContain('needs the `approved-core-change` label');
  });

  it('--label without the approval label: error, exit 1; with it (any case, repeated flag): clean', () => {
    const { r } = featureRepo();
    const missing = slipway(['check', '--format', 'json', '--label', 'docs'], { cwd: r.dir });
    expect(missing.code).toBe(1);
    expect(rules(missing)).toEqual(['PATH001 error core/a.py']);
    expect(json(missing).findings[0]?.message).toContain('lacks the `approved-core-change` label');
    const ok = slipway(['check', '--label', 'docs', '--label', 'Approved-Core-Change'], { cwd: r.dir });
    expect(ok.stdout).toMatch(/^judged: the change from [0-9a-f]{12} to \S+ \(2 files\)\nNo findings/);
    expect(ok.code).toBe(0);
  });

  it('pull_request event: labels come from pull_request.labels; --label overrides them', () => {
    const { r, base } = featureRepo();
    const labelled = event(r, {
      pull_request: { labels: [{ name: 'approved-core-change' }], base: { ref: 'main', sha: base } },
    });
    expect(slipway(['check'], { cwd: r.dir, env: { GITHUB_EVENT_PATH: labelled } }).code).toBe(0);
    const unlabelled = event(r, { pull_request: { labels: [], base: { ref: 'main', sha: base } } });
    const out = slipway(['check', '--format', 'json'], {
      cwd: r.dir,
      env: { GITHUB_EVENT_PATH: unlabelled },
    });
    expect(rules(out)).toEqual(['PATH001 error core/a.py']);
    expect(out.code).toBe(1);
    const flag = slipway(['check', '--label', 'approved-core-change'], {
      cwd: r.dir,
      env: { GITHUB_EVENT_PATH: unlabelled },
    });
    expect(flag.code).toBe(0);
  });

  it('push event: the range is before..after (not HEAD), labels are unknown, the branch is the ref', () => {
    const { r, base, head } = featureRepo();
    r.git('checkout', '-q', 'main');
    const push = event(r, { ref: 'refs/heads/auto/bot', before: base, after: head, commits: [{}] });
    const out = slipway(['check', '--format', 'json'], { cwd: r.dir, env: { GITHUB_EVENT_PATH: push } });
    // On an agent branch the protected file is PATH003, a warning while labels are unknown.
    expect(rules(out)).toEqual(['PATH003 warning core/a.py']);
    expect(out.code).toBe(0);
  });

  it('a broken event file is one line, exit 2', () => {
    const { r } = featureRepo();
    const bad = event(r, {});
    writeFileSync(bad, '{not json');
    expectOneLine(
      slipway(['check'], { cwd: r.dir, env: { GITHUB_EVENT_PATH: bad } }),
      /GITHUB_EVENT_PATH .*invalid JSON/,
    );
    expectOneLine(
      slipway(['check'], { cwd: r.dir, env: { GITHUB_EVENT_PATH: join(r.dir, 'nope.json') } }),
      /GITHUB_EVENT_PATH .*ENOENT/,
    );
  });
});

describe('branch: --branch, $GITHUB_HEAD_REF, git', () => {
  it('git: the checked-out branch decides whether agent rules apply', () => {
    const { r } = featureRepo();
    r.git('branch', '-m', 'auto/fix');
    expect(rules(slipway(['check', '--format', 'json'], { cwd: r.dir }))).toEqual([
      'PATH003 warning core/a.py',
    ]);
  });

  it('$GITHUB_HEAD_REF names the branch (detached CI checkout); --branch wins over it', () => {
    const { r, head } = featureRepo();
    r.git('checkout', '-q', '--detach', head);
    const env = { GITHUB_HEAD_REF: 'auto/fix' };
    expect(rules(slipway(['check', '--format', 'json'], { cwd: r.dir, env }))).toEqual([
      'PATH003 warning core/a.py',
    ]);
    expect(rules(slipway(['check', '--format', 'json', '--branch', 'feature'], { cwd: r.dir, env }))).toEqual(
      ['PATH001 warning core/a.py'],
    );
  });

  it('--branch on an agent pattern: a file outside agents.allowed is PATH002', () => {
    const { r } = featureRepo();
    r.write({ 'src/x.py': 'x\n' });
    r.commit('outside');
    const out = slipway(
      ['check', '--format', 'json', '--branch', 'auto/x', '--label', 'approved-core-change'],
      {
        cwd: r.dir,
      },
    );
    expect(rules(out)).toEqual(['PATH002 error src/x.py']);
    expect(out.code).toBe(1);
  });
});

describe('range: --base, --head, --tree', () => {
  it('--base/--head pick the commits; the diff is from their merge-base', () => {
    const { r, base, head } = featureRepo();
    r.write({ 'core/b.py': 'b\n' });
    r.commit('later');
    const out = slipway(['check', '--format', 'json', '--base', base, '--head', head], { cwd: r.dir });
    expect(rules(out)).toEqual(['PATH001 warning core/a.py']);
    const all = slipway(['check', '--format', 'json', '--base', 'main'], { cwd: r.dir });
    expect(rules(all)).toEqual(['PATH001 warning core/a.py', 'PATH001 warning core/b.py']);
    // The files the change touched count as checked, besides the policy file.
    expect(json(all).summary.filesChecked).toBe(4);
  });

  it('--tree checks without a change set: no PATH findings, no git range needed', () => {
    const { r } = featureRepo();
    const out = slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir });
    expect(json(out).findings).toEqual([]);
    expect(out.code).toBe(0);
  });

  it('--repo may name a subdirectory; a file is a one-line error', () => {
    const { r } = featureRepo();
    expect(rules(slipway(['check', '--format', 'json', '--repo', join(r.dir, 'core')]))).toEqual([
      'PATH001 warning core/a.py',
    ]);
    expectOneLine(
      slipway(['check', '--repo', join(r.dir, 'core/a.py')]),
      /core\/a\.py is a file; --repo takes/,
    );
  });

  it('unknown --head: one line naming it', () => {
    const { r } = featureRepo();
    expectOneLine(slipway(['check', '--head', 'no-such'], { cwd: r.dir }), /head ref `no-such` not found/);
  });
});

describe('--rule and --output', () => {
  it('--rule filters by id or family, case-insensitively', () => {
    const { r } = featureRepo();
    r.write({ 'slipway.yaml': `${POLICY}rules:\n  NOPE1: off\n` });
    r.commit('bad rule');
    const all = slipway(['check', '--format', 'json'], { cwd: r.dir });
    // The policy edit is a change to the policy surface too (PATH004: a warning, labels unknown).
    expect(rules(all)).toEqual([
      'PATH001 warning core/a.py',
      'PATH004 warning slipway.yaml',
      'POL003 error slipway.yaml',
    ]);
    expect(rules(slipway(['check', '--format', 'json', '--rule', 'path'], { cwd: r.dir }))).toEqual([
      'PATH001 warning core/a.py',
      'PATH004 warning slipway.yaml',
    ]);
    const pol = slipway(['check', '--format', 'json', '--rule', 'POL003'], { cwd: r.dir });
    expect(rules(pol)).toEqual(['POL003 error slipway.yaml']);
    expect(pol.code).toBe(1);
  });

  it('--rule with an unknown id or family is a usage error, not a silent pass', () => {
    const { r } = featureRepo();
    expectOneLine(slipway(['check', '--rule', 'PATH01'], { cwd: r.dir }), /unknown rule or family `PATH01`/);
    expectOneLine(slipway(['guard', '--rule', 'XYZ'], { cwd: r.dir }), /unknown rule or family `XYZ`/);
  });

  it('--output writes the report to the file (stdout stays empty); a missing directory is one line', () => {
    const { r } = featureRepo();
    const out = slipway(['check', '--format', 'sarif', '--output', 'report.sarif'], { cwd: r.dir });
    expect(out.stdout).toBe('');
    expect(out.code).toBe(0);
    const text = slipway(['check', '--format', 'sarif'], { cwd: r.dir }).stdout;
    expect(readFileSync(join(r.dir, 'report.sarif'), 'utf8')).toBe(text);
    expectOneLine(
      slipway(['check', '--output', 'no/dir/x.json'], { cwd: r.dir }),
      /cannot write no\/dir\/x\.json/,
    );
  });
});

describe('slipway guard', () => {
  it('reports what check reports on a paths-only policy, with the same exit code', () => {
    const { r } = featureRepo();
    const check = slipway(['check', '--format', 'json', '--label', 'x'], { cwd: r.dir });
    const guard = slipway(['guard', '--format', 'json', '--label', 'x'], { cwd: r.dir });
    expect(json(guard).findings).toEqual(json(check).findings);
    expect(rules(guard)).toEqual(['PATH001 error core/a.py']);
    expect(guard.code).toBe(1);
  });
});
