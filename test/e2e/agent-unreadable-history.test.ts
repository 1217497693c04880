import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { commitAs, json, repoFactory } from './e2e-helpers.js';

/**
 * Who made a change when its history cannot be read as it is: a shallow clone that cuts the
 * change's own commits short is judged an agent's (fail closed), saying why and how to fetch the
 * rest; a `git replace` that shows a person's commit in place of an agent's, or a graft that
 * hides the agent's commit from the history, is not believed.
 */

const POLICY = `version: 1
production_branch: main
protected:
  paths: [core/]
`;
const HUMAN = { name: 'Dev Human', email: 'dev@example.com' };
const CLAUDE_TRAILER = 'Co-authored-by: Claude <noreply@anthropic.com>';

const repo = repoFactory();

const pathFindings = (dir: string, base: string) =>
  json(slipway(['check', '--format', 'json', '--base', base, '--rule', 'PATH'], { cwd: dir })).findings;

/**
 * main: init, then m2, m3. feature (from init): f0 edits core/, f1 docs, then main merged in,
 * then f2 edits core/ again. All by a person unless `f0Message` says otherwise.
 */
function history(f0Message: string): TempRepo {
  const r = repo({ 'slipway.yaml': POLICY, 'core/a.py': 'a = 0\n', 'docs/a.md': 'a\n' });
  // Older history, so that a clone reaching init is still shallow.
  for (const n of [1, 2]) {
    r.write({ 'docs/old.md': `${n}\n` });
    commitAs(r, HUMAN, HUMAN, `old ${n}`);
  }
  r.write({ 'docs/old.md': 'kept\n' });
  r.commit('init');
  r.git('checkout', '-q', '-b', 'feature');
  r.write({ 'core/a.py': 'a = 1\n' });
  commitAs(r, HUMAN, HUMAN, f0Message);
  r.write({ 'docs/f1.md': 'f1\n' });
  commitAs(r, HUMAN, HUMAN, 'f1');
  r.git('checkout', '-q', 'main');
  for (const n of [2, 3]) {
    r.write({ 'docs/b.md': `${n}\n` });
    commitAs(r, HUMAN, HUMAN, `m${n}`);
  }
  r.git('checkout', '-q', 'feature');
  r.git('merge', '-q', '--no-edit', 'main');
  r.write({ 'core/a.py': 'a = 2\n' });
  commitAs(r, HUMAN, HUMAN, 'f2');
  return r;
}

/** A clone three commits deep on feature: f2, the merge, f1 and m3; f0 is past the cut. */
function shallowClone(origin: TempRepo): { dir: string; git: (...args: string[]) => void } {
  const dir = join(repo().dir, 'clone');
  execFileSync('git', ['clone', '-q', '--depth', '3', '--branch', 'feature', `file://${origin.dir}`, dir]);
  const git = (...args: string[]) => {
    execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  };
  git('fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
  return { dir, git };
}

describe('a history that cannot be read as it is', () => {
  it("a shallow clone cutting the change's commits short: judged an agent's, with the fix; whole, a person's", () => {
    const { dir, git } = shallowClone(history('f0'));
    const [cut, ...rest] = pathFindings(dir, 'origin/main');
    expect(rest).toEqual([]);
    expect(cut?.rule).toBe('PATH003');
    expect(cut?.message).toContain("the change's commits reach past this shallow clone");
    expect(cut?.message).toContain('`fetch-depth: 0`');
    expect(cut?.message).toContain("judged an agent's to be safe");
    // What the message says to run gives the whole history: every commit a person's.
    git('fetch', '-q', '--unshallow');
    expect(pathFindings(dir, 'origin/main').map((f) => f.rule)).toEqual(['PATH001']);
  });

  it('the commit past the cut was an agent’s: fetched, its own signal decides', () => {
    const { dir, git } = shallowClone(history(`f0\n\n${CLAUDE_TRAILER}\n`));
    expect(pathFindings(dir, 'origin/main')[0]?.message).toContain('reach past this shallow clone');
    git('fetch', '-q', '--unshallow');
    const [f] = pathFindings(dir, 'origin/main');
    expect(f?.rule).toBe('PATH003');
    expect(f?.message).toContain(`${CLAUDE_TRAILER} in commit`);
  });

  it('a near miss: a shallow clone deep enough for the whole change reads it as a person’s', () => {
    const origin = history('f0');
    const dir = join(repo().dir, 'clone');
    // Depth 5 reaches init (f2, the merge, f1 and m3, f0 and m2, init): every commit of the
    // change and its parents, while the clone is still cut below init.
    execFileSync('git', ['clone', '-q', '--depth', '5', '--branch', 'feature', `file://${origin.dir}`, dir]);
    execFileSync('git', ['fetch', '-q', '--depth', '5', 'origin', 'main:refs/remotes/origin/main'], {
      cwd: dir,
    });
    const shallow = execFileSync('git', ['rev-parse', '--is-shallow-repository'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(shallow.trim()).toBe('true');
    expect(pathFindings(dir, 'origin/main').map((f) => f.rule)).toEqual(['PATH001']);
  });

  it("a `git replace` showing a person's commit in place of the agent's is not believed", () => {
    const r = repo({ 'slipway.yaml': POLICY, 'core/a.py': 'a = 0\n' });
    const first = r.commit('init');
    r.git('checkout', '-q', '-b', 'feature/x');
    r.write({ 'core/a.py': 'a = 1\n' });
    const agents = commitAs(r, HUMAN, HUMAN, `Tidy the core\n\n${CLAUDE_TRAILER}\n`);
    // The same tree and parent, without the trailer, put in its place for every git command.
    const tree = r.git('rev-parse', `${agents}^{tree}`).trim();
    const clean = r.git('commit-tree', tree, '-p', first, '-m', 'Tidy the core').trim();
    r.git('replace', agents, clean);
    expect(r.git('log', '-1', '--format=%B', agents)).not.toContain('Co-authored-by');
    const [f] = pathFindings(r.dir, first);
    expect(f?.rule).toBe('PATH003');
    expect(f?.message).toContain(`${CLAUDE_TRAILER} in commit ${agents.slice(0, 7)}`);
  });

  it("a graft that skips the agent's commit is not believed", () => {
    const r = repo({ 'slipway.yaml': POLICY, 'core/a.py': 'a = 0\n' });
    const first = r.commit('init');
    r.git('checkout', '-q', '-b', 'feature/x');
    r.write({ 'core/a.py': 'a = 1\n' });
    const agents = commitAs(r, HUMAN, HUMAN, `Tidy the core\n\n${CLAUDE_TRAILER}\n`);
    r.write({ 'docs/a.md': 'a\n' });
    const last = commitAs(r, HUMAN, HUMAN, 'Docs');
    // The graft gives the last commit init as its parent: to git, the agent's commit is gone.
    writeFileSync(join(r.dir, '.git/info/grafts'), `${last} ${first}\n`);
    expect(r.git('-c', 'advice.graftFileDeprecated=false', 'log', '--format=%h', `${first}..`).trim()).toBe(
      last.slice(0, 7),
    );
    const [f, ...rest] = pathFindings(r.dir, first);
    expect(rest).toEqual([]);
    expect(f?.rule).toBe('PATH003');
    expect(f?.message).toContain(`${CLAUDE_TRAILER} in commit ${agents.slice(0, 7)}`);
  });
});
