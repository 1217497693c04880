import { describe, expect, it } from 'vitest';
import {
  type AgentSignal,
  agentSignal,
  branchSignal,
  signalPolicyPath,
} from '../../src/agents/change-author.js';
import { change, commit, policy } from './agent-test-helpers.js';

/** Which policy entry or preset a signal is credited to, and how the branch patterns read names. */

const pathOf = (s: AgentSignal | undefined) => (s ? signalPolicyPath(s) : undefined);

describe('the policy entry a signal is credited to', () => {
  // A fresh policy per test: a mutation run credits a mutant in the cached matchers only to the test that compiled them.
  const doc = () =>
    policy(
      'version: 1\nagents:\n  branches: ["bots/*", "auto/*"]\n  accounts: ["ci-*", "helper-bot"]\n  identities: ["*@anthropic.com"]\n',
    );

  it('a branch and an account name their list and index', () => {
    expect(pathOf(agentSignal(doc(), change({ branch: 'auto/fix' })))).toEqual(['agents', 'branches', 1]);
    const pr = agentSignal(doc(), change({ pullRequest: { number: 1, author: 'helper-bot' } }));
    expect(pathOf(pr)).toEqual(['agents', 'accounts', 1]);
  });

  it('a policy wildcard matched first keeps the signal, over an agent preset matched after it', () => {
    const s = agentSignal(
      doc(),
      change({ commits: [commit({ author: { name: 'x', email: 'noreply@anthropic.com' } })] }),
    );
    expect(s?.origin).toEqual({ policyPath: ['agents', 'identities', 0] });
  });

  it('a preset bot matched after a policy wildcard is still the bot', () => {
    const wide = policy('version: 1\nagents:\n  identities: ["*[bot]@users.noreply.github.com"]\n');
    const who = { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' };
    const s = agentSignal(wide, change({ commits: [commit({ author: who })] }));
    expect(s?.origin).toEqual({ preset: 'dependabot', class: 'bot' });
  });
});

describe('branch patterns', () => {
  const doc = () => policy('version: 1\nagents:\n  branches: ["auto/*"]\n');

  it('a branch under a match matches, whatever characters its name holds (U+2028 included)', () => {
    expect(branchSignal(doc(), 'auto/fix/login')?.seen).toBe('auto/fix/login');
    expect(branchSignal(doc(), 'auto/fix/a\u2028b')?.seen).toBe('auto/fix/a\u2028b');
    expect(branchSignal(doc(), 'autox/y')).toBeUndefined();
    expect(branchSignal(doc(), 'feature/auto/x')).toBeUndefined();
  });
});
