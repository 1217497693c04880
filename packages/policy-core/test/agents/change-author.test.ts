import { describe, expect, it } from 'vitest';
import {
  type AgentSignal,
  agentSignal,
  branchSignal,
  commitAgentSignal,
  describeSignal,
  shortSignal,
  signalPolicyPath,
} from '../../src/agents/change-author.js';
import type { ChangeSet, Commit, Person } from '../../src/change-set.js';
import { change, commit as baseCommit, policy } from './agent-test-helpers.js';

/**
 * Who made a change: the order the signals are searched in (a tool call, the branch, the pull
 * request's author, each commit; a bot only when no agent shows; a history cut short fails
 * closed), which trailers count and when one is too long to read, and how a signal is told.
 */

const CLAUDE: Person = { name: 'Claude', email: 'noreply@anthropic.com' };
const SHA = '0123456789abcdef0123456789abcdef01234567';
const commit = (over: Partial<Commit> = {}): Commit => baseCommit({ sha: SHA, ...over });
const signalOf = (over: Partial<ChangeSet>, doc = policy()) => agentSignal(doc, change(over));
const brief = (s: AgentSignal | undefined) =>
  s && `${s.kind} ${s.seen}${'preset' in s.origin ? ` (${s.origin.preset})` : ''}`;

describe('the order signals are searched in', () => {
  it('a human change has none', () => {
    expect(signalOf({})).toBeUndefined();
  });

  it('a tool call under the agent gate is the agent, whatever else the change shows', () => {
    const s = signalOf({
      agentSession: { agent: 'claude', tool: 'Write' },
      branch: 'dependabot/npm/x',
    } as Partial<ChangeSet>);
    expect(s).toMatchObject({
      kind: 'tool-call',
      seen: "claude's Write tool call",
      pattern: 'slipway hook claude',
      origin: { preset: 'claude', class: 'agent' },
    });
  });

  it("an agent's branch decides before the history, even a history cut short", () => {
    expect(brief(signalOf({ branch: 'copilot/fix-login', historyCut: 'shallow' }))).toBe(
      'branch copilot/fix-login (copilot)',
    );
  });

  it("a bot's branch yields to an agent's commit on it; alone, the bot's branch is the signal", () => {
    const agentCommit = commit({ body: 'Bump.\n\nCo-authored-by: Claude <noreply@anthropic.com>' });
    expect(brief(signalOf({ branch: 'dependabot/npm_and_yarn/x', commits: [agentCommit] }))).toBe(
      'trailer Co-authored-by: Claude <noreply@anthropic.com> (claude)',
    );
    expect(brief(signalOf({ branch: 'dependabot/npm_and_yarn/x' }))).toBe(
      'branch dependabot/npm_and_yarn/x (dependabot)',
    );
  });

  it('a pull request by a human does not end the search: the commits are read', () => {
    const s = signalOf({
      pullRequest: { number: 1, author: 'alice' },
      commits: [commit({ author: CLAUDE })],
    });
    expect(brief(s)).toBe('author Claude <noreply@anthropic.com> (claude)');
    const byAgent = signalOf({ pullRequest: { number: 1, author: 'Copilot' } });
    expect(brief(byAgent)).toBe('pull-request-author Copilot (copilot)');
  });

  it('commits that could not be read fail closed, over a bot', () => {
    const s = signalOf({ branch: 'dependabot/npm_and_yarn/x', historyCut: 'a shallow clone' });
    expect(s).toMatchObject({
      kind: 'history',
      seen: 'commits outside this clone',
      pattern: 'every commit of the change',
      origin: { policyPath: ['agents'] },
      unreadable: 'a shallow clone',
    });
  });

  it('the answer is kept per change and policy: a second policy asks again', () => {
    const c = change({ commits: [commit({ author: { name: 'Bot', email: 'bot@ci.example' } })] });
    const plain = policy();
    const named = policy('version: 1\nagents:\n  identities: ["bot@ci.example"]\n');
    expect(agentSignal(plain, c)).toBeUndefined();
    expect(agentSignal(plain, c)).toBeUndefined();
    expect(brief(agentSignal(named, c))).toBe('author Bot <bot@ci.example>');
    expect(brief(agentSignal(named, c))).toBe('author Bot <bot@ci.example>');
  });
});

describe('branchSignal', () => {
  it('reads a full ref as its branch, and only a leading refs/heads/', () => {
    expect(branchSignal(policy(), 'refs/heads/copilot/fix')?.seen).toBe('copilot/fix');
    const doc = policy('version: 1\nagents:\n  branches: ["x-copilot/*"]\n');
    expect(branchSignal(doc, 'x-copilot/y')?.seen).toBe('x-copilot/y');
    expect(branchSignal(doc, 'x-refs/heads/copilot/y')).toBeUndefined();
    expect(branchSignal(doc, undefined)).toBeUndefined();
  });
});

describe('a commit credited by a trailer', () => {
  const trailerSignal = (body: string) => commitAgentSignal(policy(), commit({ body }));

  it('Co-authored-by, Generated-by and Assisted-by count, with a space before the colon too', () => {
    expect(trailerSignal('Why.\n\nCo-authored-by : Claude <noreply@anthropic.com>')?.seen).toBe(
      'Co-authored-by: Claude <noreply@anthropic.com>',
    );
    expect(trailerSignal('Why.\n\nAssisted-by: Claude <noreply@anthropic.com>')?.kind).toBe('trailer');
  });

  it('another trailer naming the agent does not, nor a credit naming no agent', () => {
    expect(trailerSignal('Why.\n\nReviewed-by: Claude <noreply@anthropic.com>')).toBeUndefined();
    // Past the quick search (a credit trailer is mentioned), the other trailer is still skipped.
    expect(
      trailerSignal(
        'Why.\n\nReviewed-by: Claude <noreply@anthropic.com>\nCo-authored-by: Dev Human <dev@example.com>',
      ),
    ).toBeUndefined();
    expect(trailerSignal('Why.\n\nCo-authored-by: Dev Human <dev@example.com>')).toBeUndefined();
    expect(trailerSignal('Why.\n\nCo-authored-by: Claude Code')).toBeUndefined();
  });

  it('a trailer line of 512 characters is read; one longer is too long to read and distrusted', () => {
    const line = (n: number) =>
      `Co-authored-by: ${'x'.repeat(n - 'Co-authored-by: '.length - ' <a@b>'.length)} <a@b>`;
    expect(line(512)).toHaveLength(512);
    expect(trailerSignal(`Why.\n\n${line(512)}`)).toBeUndefined();
    const long = trailerSignal(`Why.\n\n${line(513)}`);
    expect(long).toEqual({
      kind: 'trailer',
      seen: `${line(513).slice(0, 80)}…`,
      commit: SHA,
      pattern: 'Co-authored-by: …',
      origin: { policyPath: ['agents'] },
      unreadable: 'a Co-authored-by trailer of 513 characters, too long to read',
    });
  });

  it('author before committer before trailers', () => {
    const who = { name: 'Bot', email: 'bot@ci.example' };
    const doc = policy('version: 1\nagents:\n  identities: ["bot@ci.example"]\n');
    const both = commitAgentSignal(
      doc,
      commit({ committer: who, body: 'Why.\n\nCo-authored-by: Claude <noreply@anthropic.com>' }),
    );
    expect(both).toMatchObject({ kind: 'committer', seen: 'Bot <bot@ci.example>', commit: SHA });
  });
});

describe('how a signal is told', () => {
  const fromPolicy = (s: Partial<AgentSignal> & Pick<AgentSignal, 'kind' | 'seen'>): AgentSignal => ({
    pattern: 'bot*',
    origin: { policyPath: ['agents', 'identities', 0] },
    ...s,
  });
  const line = () => 'line 7';

  it('each kind in a message, with the policy entry and its line', () => {
    expect(describeSignal(fromPolicy({ kind: 'author', seen: 'bot <bot@x>', commit: SHA }), line)).toBe(
      'agent author `bot <bot@x>` of commit 0123456 (agents.identities `bot*`, line 7)',
    );
    expect(describeSignal(fromPolicy({ kind: 'committer', seen: 'bot <bot@x>', commit: SHA }))).toBe(
      'agent committer `bot <bot@x>` of commit 0123456 (agents.identities `bot*`)',
    );
    expect(describeSignal(fromPolicy({ kind: 'branch', seen: 'auto/x' }))).toBe(
      'agent branch `auto/x` (agents.identities `bot*`)',
    );
    expect(describeSignal(fromPolicy({ kind: 'pull-request-author', seen: 'bot' }))).toBe(
      'pull request by agent account `bot` (agents.identities `bot*`)',
    );
    expect(
      describeSignal(fromPolicy({ kind: 'trailer', seen: 'Co-authored-by: bot <bot@x>', commit: SHA })),
    ).toBe('Co-authored-by: bot <bot@x> in commit 0123456 (agents.identities `bot*`)');
    expect(describeSignal(fromPolicy({ kind: 'trailer', seen: 'Co-authored-by: bot <bot@x>' }))).toBe(
      'Co-authored-by: bot <bot@x> in commit  (agents.identities `bot*`)',
    );
    expect(
      describeSignal({
        kind: 'history',
        seen: 'commits outside this clone',
        pattern: '*',
        origin: { policyPath: ['agents'] },
      }),
    ).toBe('commits outside this clone (agents. `*`)');
  });

  it('a preset by name; a tool call with the hook that judged it; an unreadable signal with its commit', () => {
    const preset = { preset: 'claude', class: 'agent' as const };
    expect(describeSignal({ kind: 'branch', seen: 'claude/x', pattern: 'claude/*', origin: preset })).toBe(
      'agent branch `claude/x` (the claude preset)',
    );
    const call: AgentSignal = {
      kind: 'tool-call',
      seen: "claude's Edit tool call",
      pattern: 'slipway hook claude',
      origin: preset,
    };
    expect(describeSignal(call)).toBe(
      "claude's Edit tool call, judged before it runs (`slipway hook claude`)",
    );
    expect(shortSignal(call)).toBe("claude's Edit tool call");
    const unreadable: AgentSignal = {
      kind: 'trailer',
      seen: 'x',
      commit: SHA,
      pattern: 'Co-authored-by: …',
      origin: { policyPath: ['agents'] },
      unreadable: 'a Co-authored-by trailer of 600 characters, too long to read',
    };
    expect(describeSignal(unreadable)).toBe(
      "a Co-authored-by trailer of 600 characters, too long to read of commit 0123456: judged an agent's to be safe",
    );
    expect(shortSignal({ ...unreadable, commit: undefined } as AgentSignal)).toBe('unreadable');
  });

  it('short: a person without the e-mail only when it ends the text', () => {
    const s = (seen: string) =>
      shortSignal({ kind: 'author', seen, pattern: '*', origin: { policyPath: ['agents'] } });
    expect(s('Bot <bot@x>  ')).toBe('author Bot');
    expect(s('Bot <bot@x> and more')).toBe('author Bot <bot@x> and more');
    expect(s('Bot<bot@x>')).toBe('author Bot');
  });

  it('the policy entry behind a signal, or none for a preset', () => {
    expect(signalPolicyPath(fromPolicy({ kind: 'author', seen: 'x' }))).toEqual(['agents', 'identities', 0]);
    expect(
      signalPolicyPath({
        kind: 'author',
        seen: 'x',
        pattern: '*',
        origin: { preset: 'claude', class: 'agent' },
      }),
    ).toBeUndefined();
  });
});
