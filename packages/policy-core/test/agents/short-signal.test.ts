import { describe, expect, it } from 'vitest';
import { type AgentSignal, describeSignal, shortSignal } from '../../src/agents/change-author.js';

/** The status bar's few words for each kind of signal; the e-mail and the rule stay in the tooltip. */
const preset = { preset: 'claude', class: 'agent' as const };
const sig = (s: Partial<AgentSignal> & Pick<AgentSignal, 'kind' | 'seen'>): AgentSignal => ({
  pattern: '*',
  origin: preset,
  ...s,
});
const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('shortSignal', () => {
  it('names the signal and the commit, without e-mails', () => {
    expect(
      shortSignal(
        sig({ kind: 'trailer', seen: 'Co-authored-by: Claude <noreply@anthropic.com>', commit: SHA }),
      ),
    ).toBe('Co-authored-by: Claude, commit 0123456');
    expect(shortSignal(sig({ kind: 'branch', seen: 'copilot/fix-1' }))).toBe('branch copilot/fix-1');
    expect(shortSignal(sig({ kind: 'pull-request-author', seen: 'Copilot' }))).toBe(
      'pull request by Copilot',
    );
    expect(
      shortSignal(
        sig({
          kind: 'author',
          seen: 'dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>',
          commit: SHA,
        }),
      ),
    ).toBe('author dependabot[bot], commit 0123456');
    expect(shortSignal(sig({ kind: 'committer', seen: 'Bot <bot@x>', commit: SHA }))).toBe(
      'committer Bot, commit 0123456',
    );
  });

  it('an unreadable signal says so, as the long form does', () => {
    const s = sig({ kind: 'trailer', seen: 'x', commit: SHA, unreadable: 'a trailer too long to read' });
    expect(shortSignal(s)).toBe('unreadable, commit 0123456');
    expect(describeSignal(s)).toContain("judged an agent's to be safe");
  });

  it('a history cut short says that, and the long form gives the reason and the fix', () => {
    const s = sig({
      kind: 'history',
      seen: 'commits outside this clone',
      unreadable: "the change's commits reach past this shallow clone; fetch the whole history",
    });
    expect(shortSignal(s)).toBe('history cut short');
    expect(describeSignal(s)).toBe(
      "the change's commits reach past this shallow clone; fetch the whole history: judged an agent's to be safe",
    );
  });
});
