import { describe, expect, it } from 'vitest';
import { commitAgentJudge, commitAgentSignal } from '../../src/agents/change-author.js';
import type { Person } from '../../src/change-set.js';
import { commit, HUMAN, policy } from './agent-test-helpers.js';

// commitAgentJudge (slipway metrics judges every deployed commit with it) remembers each person
// it matched: it must give commitAgentSignal's answer for every commit, even when the same name
// comes with another e-mail, a person is first a committer and then an author, or a trailer
// names someone already seen.
describe('commitAgentJudge: one policy, many commits, each person matched once', () => {
  const doc = policy('version: 1\nagents:\n  identities: ["bot@ci.example", "Helper"]\n');
  const BOT: Person = { name: 'Dev Human', email: 'bot@ci.example' };
  const HELPER: Person = { name: 'Helper', email: 'dev@example.com' };
  const CLAUDE = 'Co-authored-by: Claude <noreply@anthropic.com>';
  const commits = [
    commit(),
    // The human's name with the bot's e-mail, then the human again: not the same person.
    commit({ author: BOT }),
    commit(),
    commit({ committer: HELPER }),
    commit({ author: HELPER }),
    commit({ body: CLAUDE }),
    commit({ body: `Fixes it.\n\n${CLAUDE}` }),
    commit({ body: 'Co-authored-by: Dev Human <bot@ci.example>' }),
    commit({ body: 'Co-authored-by: Dev Human <dev@example.com>' }),
    commit({ author: { name: HUMAN.name, email: 'BOT@ci.example' } }),
    commit(),
  ];

  it('gives the signal commitAgentSignal gives, commit by commit', () => {
    const judge = commitAgentJudge(doc);
    const judged = commits.map((c) => judge(c));
    expect(judged).toEqual(commits.map((c) => commitAgentSignal(doc, c)));
    // Not all alike: people and agents both among them.
    expect(judged.map((s) => s?.kind ?? 'human')).toEqual([
      'human',
      'author',
      'human',
      'committer',
      'author',
      'trailer',
      'trailer',
      'trailer',
      'human',
      'author',
      'human',
    ]);
  });

  it('gives the same signals in the reverse order: what it remembers does not depend on who came first', () => {
    const judge = commitAgentJudge(doc);
    const reversed = [...commits].reverse();
    expect(reversed.map((c) => judge(c))).toEqual(reversed.map((c) => commitAgentSignal(doc, c)));
  });
});
