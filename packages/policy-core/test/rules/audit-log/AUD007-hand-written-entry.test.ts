import {
  type ChangeSet,
  type CheckContext,
  type Commit,
  MemoryRepo,
  parsePolicyText,
} from '@slipway/policy-core';
import { chainedLines as chain, logText as join } from './chained-lines.js';
import { describe, expect, it } from 'vitest';
import { handWrittenEntry } from '../../../src/rules/audit-log/AUD007-hand-written-entry.js';
import { readAuditFacts } from '../../../src/rules/audit-log/facts/audit-facts.js';

const LOG = 'infrastructure/deploy-audit.jsonl';
const REC = 'infrastructure/LAST_PROD_DEPLOY.json';
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const TRAILER = `Slipway-Event: PROMOTE production ${B}`;
const CI = { name: 'Slipway CI', email: 'slipway-ci@users.noreply.github.com' };

const log = chain([{ outcome: 'started' }, {}, { outcome: 'started', to: A }, { to: A }]);

function commit(sha: string, body: string, files: string[] | undefined): Commit {
  return {
    sha: sha.repeat(40).slice(0, 40),
    parents: [],
    author: CI,
    committer: CI,
    subject: 'deploy state',
    body,
    firstParent: true,
    ...(files ? { files } : {}),
  };
}

function check(base: string | undefined, head: string, commits: Commit[], unread?: string) {
  const policy = parsePolicyText('version: 1\ndeploy: {}\n').document;
  if (!policy) throw new Error('policy');
  const files: Record<string, string> = unread === undefined ? { [LOG]: head, [REC]: '{}' } : { [REC]: '{}' };
  const repo = Object.assign(new MemoryRepo(files), {
    whyUnread: (p: string) => (p === LOG ? unread : undefined),
  });
  const change: ChangeSet = {
    base: 'c'.repeat(40),
    head: 'd'.repeat(40),
    files: [{ status: 'modified', path: LOG }],
    commits,
    readBase: (p) => (p === LOG ? base : undefined),
  };
  const ctx: CheckContext = { policy, repo, now: new Date(), env: {}, change };
  return handWrittenEntry.check({ ctx, log: readAuditFacts(ctx), directory: false });
}

describe('AUD007: audit entries that did not come from Slipway’s flow', () => {
  it('counts one new entry as "1 audit entry", several as "N audit entries" with an ellipsis', () => {
    const one = check(join(log.slice(0, 3)), join(log), [commit('1', 'by hand', [LOG])]);
    expect(one).toHaveLength(1);
    expect(one[0]?.message).toContain(
      `has 1 audit entry new since the base (line 4: PROMOTE production ${A.slice(0, 12)} succeeded)`,
    );
    expect(one[0]?.message).toContain('it has no Slipway-Event trailer, so the entries were written by hand');
    const two = check(join(log.slice(0, 2)), join(log), [commit('1', 'by hand', [LOG])]);
    expect(two[0]?.message).toContain(
      `has 2 audit entries new since the base (line 3: PROMOTE production ${A.slice(0, 12)} started, …)`,
    );
    expect(two[0]?.range.start.line).toBe(2);
  });

  it('says what an entry without a target is (an UNPIN)', () => {
    const unpinned = chain([{ outcome: 'started' }, {}, { event: 'UNPIN', to: null }]);
    const f = check(join(unpinned.slice(0, 2)), join(unpinned), [commit('1', 'by hand', [LOG])]);
    expect(f[0]?.message).toContain('(line 3: UNPIN production succeeded)');
  });

  it('counts every entry as new when the base had no log', () => {
    const f = check(undefined, join(log), [commit('1', 'by hand', [LOG])]);
    expect(f[0]?.message).toContain('has 4 audit entries new since the base (line 1:');
    expect(f[0]?.range.start.line).toBe(0);
  });

  it('lists at most three other files a trailer commit changes, then "and more"', () => {
    const three = check(join(log.slice(0, 3)), join(log), [
      commit('1', `x\n\n${TRAILER}`, [LOG, 'app/a.py', 'app/b.py', 'app/c.py']),
    ]);
    expect(three[0]?.message).toContain(
      "it carries the trailer but also changes app/a.py, app/b.py, app/c.py, and Slipway's deploy commits",
    );
    const four = check(join(log.slice(0, 3)), join(log), [
      commit('1', `x\n\n${TRAILER}`, [LOG, 'app/a.py', 'app/b.py', 'app/c.py', 'app/d.py']),
    ]);
    expect(four[0]?.message).toContain('also changes app/a.py, app/b.py, app/c.py and more, and');
  });

  it('near miss: judges only the commits that touched the log', () => {
    // The code commit has no trailer, but it did not write the entry; the flow's commit did.
    const f = check(join(log.slice(0, 3)), join(log), [
      commit('1', 'fix the login', ['app/login.py']),
      commit('2', `x\n\n${TRAILER}`, [LOG, REC]),
    ]);
    expect(f).toEqual([]);
    // A commit whose files the adapter did not collect is judged (it may have touched the log).
    expect(check(join(log.slice(0, 3)), join(log), [commit('1', 'fix the login', undefined)])).toHaveLength(
      1,
    );
  });

  it('near miss: a log that does not begin with the base’s is AUD005’s alone', () => {
    const rewritten = chain([
      { outcome: 'started' },
      { reason: 'edited' },
      { outcome: 'started', to: A },
      { to: A },
    ]);
    expect(check(join(log.slice(0, 3)), join(rewritten), [commit('1', 'by hand', [LOG])])).toEqual([]);
  });

  it('near miss: a log the host did not read is AUD001’s alone', () => {
    expect(check(join(log.slice(0, 3)), join(log), [commit('1', 'by hand', [LOG])], 'too large')).toEqual([]);
  });
});
