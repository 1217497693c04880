import { describe, expect, it } from 'vitest';
import { BOT, change, commit, GITHUB, HUMAN, ids, modified, POLICY, run } from './branch-fixture.js';

describe('BR001 agent committed directly to the production branch', () => {
  it('flags an agent-committed first-parent commit on main, pointing at the identity line', () => {
    const c = commit({ committer: BOT, author: BOT, subject: 'bump version' });
    const findings = run(change({ branch: 'main', commits: [c], files: modified('README.md') }));
    expect(ids(findings)).toEqual(['BR001']);
    const [f] = findings;
    expect(f?.severity).toBe('error');
    expect(f?.file).toBe('slipway.yaml');
    // identities[0] is on line 6 (0-based 5), the value after "    - ".
    expect(f?.range).toEqual({ start: { line: 5, character: 6 }, end: { line: 5, character: 39 } });
    expect(f?.message).toBe(
      `Commit ${c.sha.slice(0, 7)} ("bump version") on \`main\` was committed by agent ` +
        `${BOT.name} <${BOT.email}> (agents.identities \`*[bot]@users.noreply.github.com\`, slipway.yaml line 6); ` +
        'agents must not push to the production branch: revert it and land the change from an agent branch through a pull request.',
    );
    expect(f?.related?.map((r) => [r.range.start.line, r.message])).toEqual([
      [5, 'agent identity `*[bot]@users.noreply.github.com`'],
      [1, 'production branch `main`'],
    ]);
  });

  it('matches names and `Name <email>` patterns too', () => {
    const byName = commit({ committer: { name: 'CI-Agent', email: 'ci@example.com' } });
    const byPerson = commit({ committer: { name: 'Helper', email: 'helper@agents.example' } });
    const findings = run(change({ branch: 'main', commits: [byName, byPerson] }));
    expect(findings.map((f) => f.range.start.line)).toEqual([6, 7]);
  });

  it('accepts merges and squash merges made by the hosting service of agent work', () => {
    const squash = commit({ author: BOT, committer: GITHUB, subject: 'Agent change (#12)' });
    const merged = commit({ author: BOT, committer: BOT, firstParent: false });
    const merge = commit({ committer: GITHUB, parents: ['1'.repeat(40), merged.sha] });
    expect(run(change({ branch: 'main', commits: [merge, merged, squash] }))).toEqual([]);
  });

  it('does not apply off the production branch, to human commits, or without identities', () => {
    const agent = commit({ committer: BOT });
    expect(ids(run(change({ branch: 'auto/x', commits: [agent] })))).toEqual([]);
    expect(run(change({ branch: 'main', commits: [commit({ committer: HUMAN, author: BOT })] }))).toEqual([]);
    const noIdentities = POLICY.replace(/ {2}identities:\n(?: {4}- .*\n)+/, '');
    expect(run(change({ branch: 'main', commits: [agent] }), noIdentities)).toEqual([]);
    expect(run(change({ branch: undefined, commits: [agent] }))).toEqual([]);
  });

  it('treats brackets and dots in identities literally and `*` as the only wildcard', () => {
    const policy = POLICY.replace('"*[bot]@users.noreply.github.com"', '"dependabot[bot]@github.com"');
    const literal = commit({ committer: { name: 'd', email: 'dependabot[bot]@github.com' } });
    const classLike = commit({ committer: { name: 'd', email: 'dependabotb@github.com' } });
    const dotLike = commit({ committer: { name: 'd', email: 'dependabot[bot]@githubxcom' } });
    expect(run(change({ branch: 'main', commits: [literal, classLike, dotLike] }), policy)).toHaveLength(1);
  });

  it('follows a custom production branch', () => {
    const policy = POLICY.replace('production_branch: main', 'production_branch: release');
    const agent = commit({ committer: BOT });
    expect(ids(run(change({ branch: 'release', commits: [agent] }), policy))).toEqual(['BR001']);
    expect(ids(run(change({ branch: 'main', commits: [agent] }), policy))).toEqual(['BR002']);
  });

  it("flags a known agent's preset too, at the `agents:` key, where presets_off would turn it off", () => {
    const copilot = { name: 'Copilot', email: '198982749+Copilot@users.noreply.github.com' };
    const c = commit({ author: copilot, committer: copilot, subject: 'fix docs' });
    const findings = run(change({ branch: 'main', commits: [c] }));
    expect(ids(findings)).toEqual(['BR001']);
    const [f] = findings;
    expect(f?.range).toEqual({ start: { line: 2, character: 0 }, end: { line: 2, character: 6 } });
    expect(f?.message).toContain(
      'was committed by agent Copilot <198982749+Copilot@users.noreply.github.com> (the copilot preset); agents must',
    );
    expect(f?.related?.map((r) => r.message)).toEqual(['production branch `main`']);
  });

  it("leaves a bot preset's push to main to the team (near miss)", () => {
    const renovate = { name: 'renovate[bot]', email: '29139614+renovate[bot]@users.noreply.github.com' };
    const policy = POLICY.replace('"*[bot]@users.noreply.github.com"', '"someone-else@example.com"');
    expect(run(change({ branch: 'main', commits: [commit({ committer: renovate })] }), policy)).toEqual([]);
  });
});
