import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { BOT, commitAs, GITHUB, gitWith, json, repoFactory, rules } from './e2e-helpers.js';

const POLICY = `version: 1
production_branch: main
protected:
  paths: [core/]
agents:
  branches: ["auto/*"]
  identities: ["*[bot]@users.noreply.github.com", "dependabot[bot]"]
  allowed: [/docs/, /requirements.txt, /requirements.lock]
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
`;
const HUMAN = { name: 'Dev Human', email: 'dev@example.com' };

const repo = repoFactory();

function base(): { r: TempRepo; first: string } {
  const r = repo({
    'slipway.yaml': POLICY,
    'core/a.py': 'a\n',
    'docs/a.md': 'a\n',
    'requirements.txt': 'a==1\n',
    'requirements.lock': 'a==1\n',
  });
  return { r, first: r.commit('init') };
}

const check = (r: TempRepo, ...args: string[]) =>
  slipway(['check', '--format', 'json', ...args], { cwd: r.dir });

describe('BR001: agent commits on the production branch', () => {
  it('merges and squash merges made by the hosting service are fine; a direct agent push is not', () => {
    const { r, first } = base();
    // An agent branch merged by GitHub with a merge commit.
    r.git('checkout', '-q', '-b', 'auto/docs');
    r.write({ 'docs/a.md': 'b\n' });
    commitAs(r, BOT, BOT, 'agent docs');
    r.git('checkout', '-q', 'main');
    gitWith(r, GITHUB, GITHUB, 'merge', '-q', '--no-ff', 'auto/docs', '-m', 'Merge pull request #1');
    // A squash merge: authored by the agent, committed by GitHub.
    r.write({ 'docs/a.md': 'c\n' });
    commitAs(r, BOT, GITHUB, 'agent docs 2 (#2)');
    const clean = check(r, '--base', first, '--rule', 'BR');
    expect(json(clean).findings).toEqual([]);
    expect(clean.code).toBe(0);

    r.write({ 'docs/a.md': 'd\n' });
    const sha = commitAs(r, BOT, BOT, 'agent pushed to main');
    const out = check(r, '--base', first, '--rule', 'BR');
    expect(out.code).toBe(1);
    const [f] = json(out).findings;
    expect(f).toMatchObject({ rule: 'BR001', severity: 'error', file: 'slipway.yaml', line: 7, column: 16 });
    expect(f?.message).toContain(sha.slice(0, 7));
    expect(f?.related?.map((x) => [x.line, x.message])).toEqual([
      [7, 'agent identity `*[bot]@users.noreply.github.com`'],
      [2, 'production branch `main`'],
    ]);
  });

  it('the committer decides: an agent-authored commit a human committed is not BR001', () => {
    const { r, first } = base();
    r.write({ 'docs/a.md': 'h\n' });
    commitAs(r, BOT, HUMAN, 'picked from an agent');
    expect(json(check(r, '--base', first, '--rule', 'BR001')).findings).toEqual([]);
  });
});

describe('BR002: agent commits outside an agent branch', () => {
  it('a human-named branch carrying an agent commit; `dependabot[bot]` is a literal name', () => {
    const { r } = base();
    r.git('checkout', '-q', '-b', 'feature/x');
    r.write({ 'docs/a.md': 'x\n' });
    commitAs(r, { name: 'dependabot[bot]', email: 'support@github.com' }, HUMAN, 'bump');
    const out = check(r, '--rule', 'BR');
    expect(rules(out)).toEqual(['BR002 error slipway.yaml']);
    expect(json(out).findings[0]).toMatchObject({ line: 7, column: 51, endColumn: 68 });
    expect(json(out).findings[0]?.message).toContain('by agent author dependabot[bot] <support@github.com>');
    // `[bot]` is not a character class: `dependabotb` does not match `dependabot[bot]`.
    const { r: r2 } = base();
    r2.git('checkout', '-q', '-b', 'feature/y');
    r2.write({ 'docs/a.md': 'y\n' });
    commitAs(r2, { name: 'dependabotb', email: 'x@example.com' }, HUMAN, 'not a bot');
    expect(json(check(r2, '--rule', 'BR')).findings).toEqual([]);
  });

  it('the same commits on an agent branch are fine', () => {
    const { r } = base();
    r.git('checkout', '-q', '-b', 'auto/x');
    r.write({ 'docs/a.md': 'x\n' });
    commitAs(r, BOT, BOT, 'agent');
    expect(json(check(r, '--rule', 'BR')).findings).toEqual([]);
  });
});

describe('BR003: dependency changes off the dependency-upgrade lane', () => {
  it('warns on an agent branch not named auto/dependency-upgrade-YYYYMMDD-NNN; a real date passes', () => {
    const { r } = base();
    r.git('checkout', '-q', '-b', 'auto/deps');
    r.write({ 'requirements.txt': 'a==2\n', 'requirements.lock': 'a==2\n' });
    commitAs(r, BOT, BOT, 'bump a');
    const out = check(r, '--rule', 'BR');
    expect(rules(out)).toEqual(['BR003 warning slipway.yaml']);
    expect(out.code).toBe(0);
    r.git('branch', '-m', 'auto/dependency-upgrade-20260230-001');
    expect(rules(check(r, '--rule', 'BR'))).toEqual(['BR003 warning slipway.yaml']);
    r.git('branch', '-m', 'auto/dependency-upgrade-20260228-001');
    expect(json(check(r, '--rule', 'BR')).findings).toEqual([]);
  });
});

describe('PATH002/PATH003: renames on agent branches', () => {
  it('a rename out of agents.allowed and one into it are both outside the lane; a protected delete is PATH003', () => {
    const { r } = base();
    r.write({ 'other/o.md': 'o\n', 'core/z.py': 'z\n' });
    r.commit('more');
    r.git('checkout', '-q', '-b', 'auto/move');
    r.git('mv', 'docs/a.md', 'other/a.md');
    r.git('mv', 'other/o.md', 'docs/o.md');
    r.git('rm', '-q', 'core/z.py');
    commitAs(r, BOT, BOT, 'agent moves');
    const out = check(r, '--label', 'x');
    expect(rules(out)).toEqual([
      'PATH002 error docs/o.md',
      'PATH002 error other/a.md',
      'PATH003 error slipway.yaml',
    ]);
    const [into, outOf, deleted] = json(out).findings;
    expect(into?.message).toContain('`docs/o.md` (renamed from `other/o.md`)');
    expect(outOf?.message).toContain('`other/a.md` (renamed from `docs/a.md`)');
    // A deleted file has nothing to open: the finding points at the protecting pattern.
    expect(deleted).toMatchObject({ line: 4, column: 11 });
    expect(deleted?.message).toContain('`core/z.py` (deleted)');
  });

  it('a protected file renamed into agents.allowed is PATH003, not PATH002', () => {
    const { r } = base();
    r.git('checkout', '-q', '-b', 'auto/leak');
    r.git('mv', 'core/a.py', 'docs/a.py');
    commitAs(r, BOT, BOT, 'move core out');
    const out = check(r, '--label', 'x', '--rule', 'PATH');
    expect(rules(out)).toEqual(['PATH003 error docs/a.py']);
    expect(json(out).findings[0]?.message).toContain('(renamed from `core/a.py`)');
    expect(json(check(r, '--label', 'approved-core-change', '--rule', 'PATH')).findings).toEqual([]);
  });
});
