import { describe, expect, it } from 'vitest';
import { AGENT_PRESETS } from '../../src/agents/presets.js';
import { AGENT_PRESET_IDS } from '../../src/policy/schema/agents.js';
import { type AgentSignal, agentSignal, isBot } from '../../src/agents/change-author.js';
import type { Person } from '../../src/change-set.js';
import { change, commit, policy } from './agent-test-helpers.js';

/**
 * Every preset's signals one by one, each recognised with no policy entry and credited to its
 * preset; the near misses around them stay a human's; a preset turned off stops recognising its
 * agent. The values are concrete instances of each pattern (`*` filled in).
 */

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

describe("a preset bot against the policy's wildcards", () => {
  // The README's reference policy names every GitHub app an agent with wildcards.
  const WILD = `version: 1
agents:
  identities: ["*[bot]@users.noreply.github.com"]
  accounts: ["*[bot]"]
`;
  const renovate: Person = {
    name: 'renovate[bot]',
    email: '29139614+renovate[bot]@users.noreply.github.com',
  };
  const dependabot: Person = {
    name: 'dependabot[bot]',
    email: '49699333+dependabot[bot]@users.noreply.github.com',
  };
  const byBot = (who: Person) =>
    change({ branch: 'feature/x', commits: [commit({ author: who, committer: who })] });

  it('is a bot, whatever wildcard of agents.identities or agents.accounts also matches it', () => {
    const doc = policy(WILD);
    expect(credited(agentSignal(doc, byBot(renovate)))).toBe('author renovate');
    expect(credited(agentSignal(doc, byBot(dependabot)))).toBe('author dependabot');
    const pr = change({ pullRequest: { number: 1, author: 'renovate[bot]' } });
    expect(credited(agentSignal(doc, pr))).toBe('pull-request-author renovate');
    expect(isBot(agentSignal(doc, byBot(renovate)) as AgentSignal)).toBe(true);
  });

  it('near miss: an app no preset knows stays an agent by the wildcard; a bot named exactly stays an agent', () => {
    const other: Person = { name: 'some-app[bot]', email: '1+some-app[bot]@users.noreply.github.com' };
    const wild = agentSignal(policy(WILD), byBot(other));
    expect(wild?.kind).toBe('author');
    expect(wild?.origin).toEqual({ policyPath: ['agents', 'identities', 0] });
    const exact = policy(`version: 1
agents:
  identities: ["${renovate.email}"]
`);
    expect(agentSignal(exact, byBot(renovate))?.origin).toEqual({ policyPath: ['agents', 'identities', 0] });
    const exactLogin = policy('version: 1\nagents:\n  accounts: ["renovate[bot]"]\n');
    const pr = change({ pullRequest: { number: 1, author: 'renovate[bot]' } });
    expect(agentSignal(exactLogin, pr)?.origin).toEqual({ policyPath: ['agents', 'accounts', 0] });
  });

  it('near miss: a bot preset turned off leaves the wildcard to decide: an agent', () => {
    const doc = policy(`${WILD}  presets_off:\n    - {preset: renovate, reason: reviewed like any agent}\n`);
    expect(agentSignal(doc, byBot(renovate))?.origin).toEqual({ policyPath: ['agents', 'identities', 0] });
  });
});

describe('trailers below a divider', () => {
  it("a credit below a `---` divider (no trailer to git) still makes the commit the agent's", () => {
    const doc = policy();
    const hidden = 'Why.\n---\n\nCo-authored-by: Claude <noreply@anthropic.com>';
    expect(credited(agentSignal(doc, change({ commits: [commit({ body: hidden })] })))).toBe(
      'trailer claude',
    );
    // The credit right under the divider line, no blank line between (one paragraph with it).
    const under = 'Why.\n\n---\nCo-authored-by: Claude <noreply@anthropic.com>\n';
    expect(credited(agentSignal(doc, change({ commits: [commit({ body: under })] })))).toBe('trailer claude');
    const above = 'Why.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n---\nnotes';
    expect(credited(agentSignal(doc, change({ commits: [commit({ body: above })] })))).toBe('trailer claude');
    // Near miss: a human's notes below the divider name nobody.
    const notes = 'Why.\n---\n\nReviewed-by: Claude <noreply@anthropic.com>';
    expect(agentSignal(doc, change({ commits: [commit({ body: notes })] }))).toBeUndefined();
    const notesUnder = 'Why.\n\n---\nReviewed-by: Claude <noreply@anthropic.com>\n';
    expect(agentSignal(doc, change({ commits: [commit({ body: notesUnder })] }))).toBeUndefined();
  });
});
