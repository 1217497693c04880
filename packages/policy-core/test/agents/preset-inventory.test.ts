import { describe, expect, it } from 'vitest';
import { type AgentSignal, agentSignal } from '../../src/agents/change-author.js';
import { AGENT_PRESETS } from '../../src/agents/presets.js';
import type { ChangeSet } from '../../src/change-set.js';
import { change, commit, policy } from './agent-test-helpers.js';

/**
 * The presets against a list written here, not read from them: how each agent and bot shows
 * itself in public (a branch it pushes, its GitHub login, an address its commits carry), as the
 * pages each preset cites say. presets.test.ts walks the presets' own values; that walk cannot
 * notice a value that disappeared. This list can: each signal here must still be recognised and
 * credited to its preset, by the name and class a reviewer reads (POL005, explain --change).
 */
interface Known {
  name: string;
  class: 'agent' | 'bot';
  branch?: string;
  login: string;
  /** A commit e-mail: the app's no-reply address, or the one its Co-authored-by names. */
  emails: string[];
}

const KNOWN: Record<string, Known> = {
  copilot: {
    name: 'GitHub Copilot coding agent',
    class: 'agent',
    branch: 'copilot/fix-login',
    login: 'Copilot',
    emails: ['198982749+Copilot@users.noreply.github.com'],
  },
  claude: {
    name: 'Claude Code',
    class: 'agent',
    branch: 'claude/issue-12-20260101',
    login: 'claude[bot]',
    emails: ['41898282+claude[bot]@users.noreply.github.com', 'noreply@anthropic.com'],
  },
  codex: {
    name: 'OpenAI Codex',
    class: 'agent',
    branch: 'codex/add-region',
    login: 'chatgpt-codex-connector[bot]',
    emails: [
      '1+chatgpt-codex-connector[bot]@users.noreply.github.com',
      '2+openai-codex[bot]@users.noreply.github.com',
    ],
  },
  cursor: {
    name: 'Cursor agents',
    class: 'agent',
    branch: 'cursor/fix-flaky-test-1a2b',
    login: 'cursor[bot]',
    emails: ['cursoragent@cursor.com'],
  },
  devin: {
    name: 'Devin',
    class: 'agent',
    login: 'devin-ai-integration[bot]',
    emails: ['158243242+devin-ai-integration[bot]@users.noreply.github.com'],
  },
  jules: {
    name: 'Jules (Google)',
    class: 'agent',
    login: 'google-labs-jules[bot]',
    emails: ['1+google-labs-jules[bot]@users.noreply.github.com'],
  },
  gemini: {
    name: 'Gemini (Code Assist and the Gemini CLI action)',
    class: 'agent',
    login: 'gemini-code-assist[bot]',
    emails: ['gemini-cli[bot]@users.noreply.github.com'],
  },
  'amazon-q': {
    name: 'Amazon Q Developer',
    class: 'agent',
    login: 'amazon-q-developer[bot]',
    emails: ['1+amazon-q-developer[bot]@users.noreply.github.com'],
  },
  dependabot: {
    name: 'Dependabot',
    class: 'bot',
    branch: 'dependabot/npm_and_yarn/lodash-4.17.21',
    login: 'dependabot[bot]',
    emails: ['49699333+dependabot[bot]@users.noreply.github.com'],
  },
  renovate: {
    name: 'Renovate',
    class: 'bot',
    branch: 'renovate/lodash-4.x',
    login: 'renovate[bot]',
    emails: ['29139614+renovate[bot]@users.noreply.github.com', 'bot@renovateapp.com'],
  },
};

// A fresh policy each time: the matchers are compiled per policy and cached, and a mutation run
// credits a mutant in that compilation only to the tests that compiled it.
const signal = (over: Partial<ChangeSet>) => agentSignal(policy(), change(over));
const credited = (s: AgentSignal | undefined) =>
  s && 'preset' in s.origin ? `${s.kind} ${s.origin.preset}` : s?.kind;

describe('the presets against a list of how each agent shows itself', () => {
  it('knows exactly these presets, by these names and classes', () => {
    expect(Object.fromEntries(AGENT_PRESETS.map((p) => [p.id, [p.name, p.class]]))).toEqual(
      Object.fromEntries(Object.entries(KNOWN).map(([id, k]) => [id, [k.name, k.class]])),
    );
  });

  for (const [id, k] of Object.entries(KNOWN)) {
    it(`${id}: its branch, login and e-mails are its own`, () => {
      if (k.branch) expect(credited(signal({ branch: k.branch }))).toBe(`branch ${id}`);
      expect(credited(signal({ pullRequest: { number: 1, author: k.login } }))).toBe(
        `pull-request-author ${id}`,
      );
      if (k.login.endsWith('[bot]')) {
        const author = { name: k.login, email: 'unrelated@example.com' };
        expect(credited(signal({ commits: [commit({ author })] }))).toBe(`author ${id}`);
      }
      for (const email of k.emails) {
        expect(credited(signal({ commits: [commit({ author: { name: 'x', email } })] })), email).toBe(
          `author ${id}`,
        );
        const body = `Why.\n\nCo-authored-by: Someone <${email}>`;
        expect(credited(signal({ commits: [commit({ body })] })), email).toBe(`trailer ${id}`);
      }
    });
  }

  it("a login without [bot] is a pull request's author only, never a commit author's name", () => {
    expect(
      signal({ commits: [commit({ author: { name: 'Copilot', email: 'someone@example.com' } })] }),
    ).toBeUndefined();
  });
});
