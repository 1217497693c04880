import { describe, expect, it } from 'vitest';
import { AGENT_PRESETS } from '../../src/agents/presets.js';
import { AGENT_PRESET_IDS } from '../../src/policy/schema/agents.js';
import { type AgentSignal, agentSignal } from '../../src/agents/change-author.js';
import type { ChangeSet, Commit, Person } from '../../src/change-set.js';
import { parsePolicyText } from '../../src/index.js';

/**
 * Every preset's signals one by one, each recognised with no policy entry and credited to its
 * preset; the near misses around them stay a human's; a preset turned off stops recognising its
 * agent. The values are concrete instances of each pattern (`*` filled in).
 */

const policy = (text = 'version: 1\n') => {
  const doc = parsePolicyText(text, 'slipway.yaml').document;
  if (!doc) throw new Error('policy did not parse');
  return doc;
};
const HUMAN: Person = { name: 'Dev Human', email: 'dev@example.com' };
const commit = (over: Partial<Commit> = {}): Commit => ({
  sha: 'c'.repeat(40),
  parents: ['d'.repeat(40)],
  author: HUMAN,
  committer: HUMAN,
  subject: 'Change',
  body: '',
  firstParent: true,
  ...over,
});
const change = (over: Partial<ChangeSet> = {}): ChangeSet => ({
  base: 'a'.repeat(40),
  head: 'b'.repeat(40),
  files: [],
  commits: [commit()],
  branch: 'feature/x',
  ...over,
});
/** A pattern with its wildcards filled: `copilot/**` → `copilot/fix/login`, `*+x@y` → `123+x@y`. */
const instance = (pattern: string) => pattern.replace('**', 'fix/login').replace('*', '198982749');

/** The trailers that credit a commit to a tool (git's own spelling and a lower-case one). */
const AGENT_TRAILER_KEYS = ['Co-authored-by', 'Generated-by', 'Assisted-by', 'generated-by'];

const credited = (s: AgentSignal | undefined) =>
  s && 'preset' in s.origin ? `${s.kind} ${s.origin.preset}` : s?.kind;

describe('agent presets', () => {
  it('lists every preset id once, each value with a public https source', () => {
    expect(AGENT_PRESETS.map((p) => p.id)).toEqual([...AGENT_PRESET_IDS]);
    for (const p of AGENT_PRESETS)
      for (const v of [...p.branches, ...p.logins, ...p.emails])
        expect(v.source, `${p.id} ${v.value}`).toMatch(/^https:\/\/\S+$/);
  });

  for (const p of AGENT_PRESETS) {
    it(`${p.id}: each branch, login and e-mail is recognised and credited to the preset`, () => {
      const doc = policy();
      for (const b of p.branches)
        expect(credited(agentSignal(doc, change({ branch: instance(b.value) }))), b.value).toBe(
          `branch ${p.id}`,
        );
      for (const l of p.logins)
        expect(
          credited(agentSignal(doc, change({ pullRequest: { number: 1, author: l.value } }))),
          l.value,
        ).toBe(`pull-request-author ${p.id}`);
      for (const e of p.emails) {
        const who = { name: 'Someone', email: instance(e.value) };
        expect(credited(agentSignal(doc, change({ commits: [commit({ author: who })] }))), e.value).toBe(
          `author ${p.id}`,
        );
        // Each trailer that says a tool wrote or helped write the commit is a signal on its own.
        for (const trailer of AGENT_TRAILER_KEYS) {
          const body = `Work\n\n${trailer}: Someone <${instance(e.value)}>`;
          expect(
            credited(agentSignal(doc, change({ commits: [commit({ body })] }))),
            `${trailer} ${e.value}`,
          ).toBe(`trailer ${p.id}`);
        }
      }
    });

    it(`${p.id}: turned off, none of its signals counts`, () => {
      const doc = policy(
        `version: 1\nagents:\n  presets_off:\n    - {preset: ${p.id}, reason: reviewed as a colleague}\n`,
      );
      const signals = [
        ...p.branches.map((b) => change({ branch: instance(b.value) })),
        ...p.logins.map((l) => change({ pullRequest: { number: 1, author: l.value } })),
        ...p.emails.map((e) =>
          change({ commits: [commit({ author: { name: 'x', email: instance(e.value) } })] }),
        ),
      ];
      for (const c of signals) expect(agentSignal(doc, c)).toBeUndefined();
    });
  }

  it('near misses stay human: names, logins, branches and addresses that merely resemble an agent', () => {
    const doc = policy();
    const human = [
      change({ branch: 'feature/copilot/x' }),
      change({ branch: 'copilotx/fix' }),
      change({ branch: 'renovate-docs' }),
      change({ pullRequest: { number: 1, author: 'copilot-fan' } }),
      change({ pullRequest: { number: 1, author: 'claude' } }),
      change({ commits: [commit({ author: { name: 'Claude', email: 'claude@example.com' } })] }),
      change({ commits: [commit({ author: { name: 'Devin Smith', email: 'devin@example.com' } })] }),
      change({ commits: [commit({ author: { name: 'x', email: 'noreply@anthropic.com.evil.example' } })] }),
      change({
        commits: [
          commit({ author: { name: 'x', email: '1+dependabot[bot]@users.noreply.github.com.evil' } }),
        ],
      }),
      change({ commits: [commit({ body: 'Thanks\n\nReviewed-by: Claude <noreply@anthropic.com>' })] }),
      change({ commits: [commit({ body: 'Thanks\n\nTested-by: Claude <noreply@anthropic.com>' })] }),
      change({ commits: [commit({ body: 'Thanks\n\nReported-by: Claude <noreply@anthropic.com>' })] }),
    ];
    for (const c of human)
      expect(agentSignal(doc, c), JSON.stringify(c.branch ?? c.pullRequest ?? c.commits[0])).toBeUndefined();
  });
});
