import { describe, expect, it } from 'vitest';
import { BOT, change, commit, GITHUB, HUMAN, ids, POLICY, run } from './branch-fixture.js';

describe('BR002 agent commits on a branch that is not an agent branch', () => {
  it('flags a human-named branch carrying agent commits, once, naming the newest one', () => {
    const newest = commit({ author: BOT, committer: GITHUB, subject: 'newest agent work' });
    const older = commit({ author: BOT, committer: BOT });
    const human = commit({});
    const findings = run(change({ branch: 'feature/login', commits: [newest, human, older] }));
    expect(ids(findings)).toEqual(['BR002']);
    const [f] = findings;
    expect(f?.severity).toBe('error');
    expect(f?.file).toBe('slipway.yaml');
    expect(f?.range.start.line).toBe(5);
    expect(f?.message).toBe(
      `Branch \`feature/login\` carries commit ${newest.sha.slice(0, 7)} ("newest agent work") by agent ` +
        `author ${BOT.name} <${BOT.email}> and 1 more agent commit (agents.identities ` +
        '`*[bot]@users.noreply.github.com`, slipway.yaml line 6), but agents work only on branches matching `auto/*`; ' +
        'move the work to such a branch.',
    );
    expect(f?.related?.map((r) => [r.range.start.line, r.message])).toEqual([
      [5, 'agent identity `*[bot]@users.noreply.github.com`'],
      [3, 'agent branches: `auto/*`'],
    ]);
  });

  it('names the committer when the committer is the agent', () => {
    const c = commit({ author: HUMAN, committer: { name: 'ci-agent', email: 'x@y' } });
    const [f] = run(change({ branch: 'hotfix', commits: [c] }));
    expect(f?.message).toContain(
      'by agent committer ci-agent <x@y> (agents.identities `ci-agent`, slipway.yaml line 7)',
    );
  });

  it('is quiet on agent branches, on the production branch, for humans and for unknown branches', () => {
    const agent = commit({ author: BOT, committer: BOT });
    expect(run(change({ branch: 'auto/fix-docs', commits: [agent] }))).toEqual([]);
    expect(ids(run(change({ branch: 'main', commits: [agent] })))).toEqual(['BR001']);
    expect(run(change({ branch: 'feature/x', commits: [commit({})] }))).toEqual([]);
    expect(run(change({ branch: undefined, commits: [agent] }))).toEqual([]);
  });

  it('a branch under an agent branch is in the lane (auto/* covers auto/a/b); a look-alike is not', () => {
    const agent = commit({ author: BOT, committer: BOT });
    expect(run(change({ branch: 'auto/a/b', commits: [agent] }))).toEqual([]);
    expect(ids(run(change({ branch: 'autox', commits: [agent] })))).toEqual(['BR002']);
    expect(ids(run(change({ branch: 'autox/a', commits: [agent] })))).toEqual(['BR002']);
  });

  it('a preset bot under the identity wildcard is a bot on its own branch; the preset turned off makes it an agent', () => {
    const dependabot = {
      name: 'dependabot[bot]',
      email: '49699333+dependabot[bot]@users.noreply.github.com',
    };
    const bump = commit({ author: dependabot, committer: dependabot });
    expect(run(change({ branch: 'dependabot/pip/fastapi-0.111.0', commits: [bump] }))).toEqual([]);
    const off = POLICY.replace(
      '  branches: ["auto/*"]\n',
      '  branches: ["auto/*"]\n  presets_off:\n    - {preset: dependabot, reason: reviewed like any agent}\n',
    );
    expect(ids(run(change({ branch: 'dependabot/pip/fastapi-0.111.0', commits: [bump] }), off))).toEqual([
      'BR002',
    ]);
  });

  it('an agent preset under the identity wildcard stays an agent (only a bot preset is set aside)', () => {
    const claude = { name: 'claude[bot]', email: '209825114+claude[bot]@users.noreply.github.com' };
    const work = commit({ author: claude, committer: claude });
    expect(ids(run(change({ branch: 'claude/fix-mail', commits: [work] })))).toEqual(['BR002']);
  });

  it('counts every agent commit and lists every agent branch pattern', () => {
    const policy = POLICY.replace('branches: ["auto/*"]', 'branches: ["auto/*", "agent/**"]');
    const agent = () => commit({ author: BOT, committer: BOT });
    const [f] = run(change({ branch: 'fix/mail', commits: [agent(), agent(), agent()] }), policy);
    expect(f?.message).toContain('and 2 more agent commits (agents.identities');
    expect(f?.message).toContain('only on branches matching `auto/*`, `agent/**`; move');
    expect(f?.related?.[1]?.message).toBe('agent branches: `auto/*`, `agent/**`');
  });

  it('says so when the policy names no agent branch at all', () => {
    const policy = POLICY.replace('branches: ["auto/*"]', 'branches: []');
    const [f] = run(change({ branch: 'auto/x', commits: [commit({ author: BOT, committer: BOT })] }), policy);
    expect(f?.message).toContain('but agents work only on branches matching (none); move the work');
  });
});
