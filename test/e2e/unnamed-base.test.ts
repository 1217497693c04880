import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { repoFactory } from './e2e-helpers.js';

/**
 * `slipway check` with nothing naming the base (no --base, no pull-request event): the head's
 * `production_branch` picks the branch to compare with, so a head must not be able to make that
 * its own branch and be compared with itself in silence. A head on the production branch is
 * compared with the branch's upstream (its commits not pushed yet); with no commit to judge the
 * run says so, and which policy applied.
 */
const POLICY = `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths: [ledger/core/]
`;

const repo = repoFactory();
const remotes: string[] = [];
afterAll(() => {
  for (const dir of remotes) rmSync(dir, { recursive: true, force: true });
});

function mainRepo() {
  const r = repo({ 'slipway.yaml': POLICY, 'ledger/core/accounts.py': 'balance = 0\n' });
  const base = r.commit('init');
  return { r, base };
}

/** A bare repository on disk as `origin`, with main pushed to it (what a clone has). */
function withOrigin(r: ReturnType<typeof repo>): void {
  const bare = mkdtempSync(join(tmpdir(), 'slipway-origin-'));
  remotes.push(bare);
  execFileSync('git', ['init', '-q', '--bare', bare]);
  r.git('remote', 'add', 'origin', bare);
  r.git('push', '-q', 'origin', 'main');
}

const check = (dir: string, ...args: string[]) =>
  slipway(['check', '--format', 'json', '--rule', 'PATH001', ...args], { cwd: dir });
const rulesOf = (stdout: string) =>
  JSON.parse(stdout).findings.map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`);

describe('no --base and no event: the head does not pick its own base', () => {
  it('a head naming its own branch as production_branch is not judged in silence', () => {
    const { r, base } = mainRepo();
    r.git('checkout', '-q', '-b', 'sneaky');
    r.write({
      'slipway.yaml': POLICY.replace('production_branch: main', 'production_branch: sneaky'),
      'ledger/core/accounts.py': 'balance = 1\n',
    });
    const head = r.commit('compare me with myself');
    const out = check(r.dir);
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain(
      `no change to judge: \`sneaky\`, the production branch, already has every commit of the head (commit ${head.slice(0, 12)})`,
    );
    expect(out.stderr).toContain(`with slipway.yaml on the base (commit ${head.slice(0, 12)})`);
    expect(out.stderr).toContain('pass --base <ref> to judge commits');
    expect(rulesOf(out.stdout)).toEqual([]);
    // Named, the base judges the change with its own policy.
    const named = check(r.dir, '--base', base);
    expect(named.stderr).toBe('');
    expect(rulesOf(named.stdout)).toEqual(['PATH001 ledger/core/accounts.py']);
  });

  it('a push that creates the branch names no base either: its production_branch does not choose one', () => {
    const { r } = mainRepo();
    r.git('checkout', '-q', '-b', 'feature/sneaky');
    r.write({ 'ledger/core/accounts.py': 'balance = 4\n' });
    r.commit('edit the ledger');
    r.git('branch', 'decoy');
    r.write({ 'slipway.yaml': POLICY.replace('production_branch: main', 'production_branch: decoy') });
    const head = r.commit('compare me with my decoy');
    const event = join(r.dir, '..', `${r.dir.split('/').pop()}-push.json`);
    const zero = '0'.repeat(40);
    writeFileSync(
      event,
      JSON.stringify({ ref: 'refs/heads/feature/sneaky', before: zero, after: head, commits: [] }),
    );
    const out = slipway(['check', '--format', 'json', '--label', 'x', '--rule', 'PATH001'], {
      cwd: r.dir,
      env: { GITHUB_EVENT_PATH: event },
    });
    expect(out.stderr).toBe('');
    expect(rulesOf(out.stdout)).toEqual(['PATH001 ledger/core/accounts.py']);
  });

  it('near miss: a feature branch is compared with main, with no notice', () => {
    const { r } = mainRepo();
    r.git('checkout', '-q', '-b', 'feature/ledger');
    r.write({ 'ledger/core/accounts.py': 'balance = 2\n' });
    r.commit('edit the ledger');
    const out = check(r.dir);
    expect(out.stderr).toBe('');
    expect(rulesOf(out.stdout)).toEqual(['PATH001 ledger/core/accounts.py']);
  });

  it("on the production branch, commits not pushed yet are judged against the upstream's policy", () => {
    const { r } = mainRepo();
    withOrigin(r);
    r.write({
      'slipway.yaml': POLICY.replace('paths: [ledger/core/]', 'paths: []'),
      'ledger/core/accounts.py': 'balance = 3\n',
    });
    r.commit('unprotect and edit, straight on main');
    const out = check(r.dir);
    expect(out.stderr).toBe('');
    expect(rulesOf(out.stdout)).toEqual(['PATH001 ledger/core/accounts.py']);
    // Pushed, the upstream has every commit: nothing is left to judge, and the run says so.
    r.git('push', '-q', 'origin', 'main');
    const pushed = check(r.dir);
    expect(pushed.stderr).toMatch(
      /^no change to judge: `main`, the production branch, already has every commit/,
    );
    expect(rulesOf(pushed.stdout)).toEqual([]);
  });

  it('on the production branch without an upstream: nothing to judge, said in one line', () => {
    const { r } = mainRepo();
    const out = check(r.dir);
    expect(out.code).toBe(0);
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/^no change to judge: `main`, the production branch/);
    // guard says the same, whatever the format: stdout stays the report alone.
    const guard = slipway(['guard', '--format', 'json'], { cwd: r.dir });
    expect(guard.stderr).toMatch(/^no change to judge: `main`, the production branch/);
    expect(JSON.parse(guard.stdout).guard.blocked).toBe(false);
    // --tree asks for no change, so there is nothing to say.
    expect(slipway(['check', '--tree'], { cwd: r.dir }).stderr).toBe('');
    // trace reads the change the same way, and says the same.
    r.write({
      'slipway.yaml': `${POLICY}migrations:\n  alembic: alembic/versions\n`,
      'alembic/versions/.keep': '',
    });
    r.commit('migrations');
    const trace = slipway(['trace'], { cwd: r.dir });
    expect(trace.stderr).toMatch(/^no change to judge: `main`, the production branch/);
  });
});
