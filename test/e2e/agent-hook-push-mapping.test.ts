import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// `git push origin auto/x` names a branch and no destination: git maps it through the remote's
// push refspecs, then (push.default=upstream) to the branch's upstream. The oracle is git itself:
// `git push --dry-run --porcelain` prints the ref each push would update, and the gate refuses
// exactly the settings under which that is main.
const session = new AgentSession({ 'slipway.yaml': 'version: 1\nproduction_branch: main\n', 'a.txt': 'a\n' });
const remote = mkdtempSync(join(tmpdir(), 'slipway-push-remote-'));
afterAll(() => rmSync(remote, { recursive: true, force: true }));

const git = (...args: string[]) => session.repo.git(...args);
const SETTINGS = ['push.default', 'branch.work.merge', 'branch.work.remote', 'remote.origin.push'];
/** Each setting above unset (git exits 5 for one that was not set). */
function unsetAll(): void {
  for (const key of SETTINGS) {
    try {
      git('config', '--unset-all', key);
    } catch {
      // not set
    }
  }
}

/** The ref git would update on the remote for `spec`, from its own dry run; '' when git refuses the push. */
function gitSays(spec: string): string {
  let out: string;
  try {
    out = execFileSync('git', ['push', '--dry-run', '--porcelain', 'origin', spec], {
      cwd: session.dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch {
    return '';
  }
  const line = out.split('\n').find((l) => l.includes('refs/heads/'));
  return line?.split('\t')[1]?.split(':')[1] ?? '';
}

describe('slipway hook: a push naming only a branch goes where git maps it', () => {
  it('is refused exactly when git would update main, under each setting that maps it', () => {
    execFileSync('git', ['init', '-q', '--bare', remote]);
    git('remote', 'add', 'origin', remote);
    git('push', '-q', 'origin', 'main');
    git('commit', '-q', '--allow-empty', '-m', 'work');
    const upstreamMain = {
      'push.default': 'upstream',
      'branch.work.merge': 'refs/heads/main',
      'branch.work.remote': 'origin',
    };
    const cases: [string, Record<string, string | string[]>, string][] = [
      // git reads a branch's merge values only when it has a remote too (remote.c set_merge).
      [
        'an upstream of main with no branch remote',
        { 'push.default': 'upstream', 'branch.work.merge': 'refs/heads/main' },
        'work',
      ],
      ['no settings', {}, 'work'],
      [
        'an upstream of main, push.default unset (simple)',
        { 'branch.work.merge': 'refs/heads/main', 'branch.work.remote': 'origin' },
        'work',
      ],
      ['an upstream of main under push.default=upstream', upstreamMain, 'work'],
      // A leading + is still on the name git looks up among the branches: it goes by its own name.
      ['the same with + (git maps none)', upstreamMain, '+work'],
      ['the same, full ref name', upstreamMain, 'refs/heads/work'],
      ["push.default=tracking, git's older name", { ...upstreamMain, 'push.default': 'tracking' }, 'work'],
      ['upstream of another branch', { ...upstreamMain, 'branch.work.merge': 'refs/heads/dev' }, 'work'],
      [
        'two upstreams (git maps none)',
        { ...upstreamMain, 'branch.work.merge': ['refs/heads/main', 'refs/heads/dev'] },
        'work',
      ],
      [
        "the remote's push refspec onto main",
        { 'remote.origin.push': 'refs/heads/work:refs/heads/main' },
        'work',
      ],
      // git compares the source as written with the full ref name: `work:main` maps nothing.
      ["the remote's push refspec, short names", { 'remote.origin.push': 'work:main' }, 'work'],
      [
        "the remote's push refspec, a short destination",
        { 'remote.origin.push': 'refs/heads/work:main' },
        'work',
      ],
      [
        "the remote's pattern onto main (refused by git)",
        { 'remote.origin.push': 'refs/heads/*:refs/heads/main' },
        'work',
      ],
      [
        "the remote's pattern elsewhere",
        { 'remote.origin.push': 'refs/heads/*:refs/heads/agents/*' },
        'work',
      ],
      [
        "the remote's refspec of another branch",
        { 'remote.origin.push': 'refs/heads/other:refs/heads/main' },
        'work',
      ],
    ];
    const seen: string[] = [];
    for (const [name, settings, spec] of cases) {
      unsetAll();
      for (const [key, value] of Object.entries(settings))
        for (const v of Array.isArray(value) ? value : [value]) git('config', '--add', key, v);
      const toMain = gitSays(spec) === 'refs/heads/main';
      const answer = session.decision(`git push origin ${spec}`);
      expect([name, answer.startsWith('deny') && /BR001/.test(answer)]).toEqual([name, toMain]);
      seen.push(`${name}: ${toMain ? 'main' : 'not main'}`);
    }
    // The oracle is not all one answer: both sides were seen.
    expect(seen.filter((s) => s.endsWith(': main')).length).toBeGreaterThanOrEqual(4);
    expect(seen.filter((s) => s.endsWith('not main')).length).toBeGreaterThanOrEqual(4);
  });

  it('a branch made from origin/main in the same command gets it as upstream: refused where push.default follows it', () => {
    unsetAll();
    git('fetch', '-q', 'origin');
    const command = 'git branch fresh origin/main && git push origin fresh';
    // Near miss first: under the default (simple) it goes by its own name.
    expect(session.decision(command)).toBe('allow');
    git('config', 'push.default', 'upstream');
    expect(session.decision(command)).toMatch(/^deny .*making a branch from a start point/);
    expect(session.decision('git checkout -q -b fresh origin/main && git push origin fresh')).toMatch(
      /^deny .*making a branch from a start point/,
    );
    expect(session.decision('git branch --no-track fresh origin/main && git push origin fresh')).toBe(
      'allow',
    );
    // git agrees: the branch made so is pushed to main.
    git('branch', 'fresh', 'origin/main');
    try {
      expect(gitSays('fresh')).toBe('refs/heads/main');
    } finally {
      git('branch', '-q', '-D', 'fresh');
      unsetAll();
    }
  });

  it('a command that changes those settings before its push is refused; near miss: other settings', () => {
    unsetAll();
    expect(session.decision('git config push.default upstream && git push origin work')).toMatch(
      /^deny .*names no destination, and this command first changes where such a push goes/,
    );
    expect(session.decision('git -c push.default=upstream push origin work')).toMatch(/^deny .*BR001/);
    expect(session.decision('git config user.name x && git push origin work')).toBe('allow');
    expect(session.decision('git -c push.default=current push origin work')).toBe('allow');
    expect(session.decision('git push origin work:work')).toBe('allow');
  });
});
