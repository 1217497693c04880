import { parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { DeployError } from '../../../src/deploy/flow/deploy-error.js';
import { detectActor } from '../../../src/deploy/flow/detect-actor.js';
import type { GitIdentity } from '../../../src/deploy/flow/detect-actor.js';

const doc = parsePolicyText(
  'version: 1\nagents:\n  identities: ["*[bot]@users.noreply.github.com", "release-robot"]\n',
  'slipway.yaml',
).document!;
const plain = parsePolicyText('version: 1\n', 'slipway.yaml').document!;

const person = (name: string, email: string) => ({ name, email });
/** A git identity; `name` null: nothing names the person (git guessed from the account). */
const id = (author = person('Ada', 'ada@example.com'), name: string | null = author.name): GitIdentity => ({
  author,
  committer: author,
  ...(name ? { name } : {}),
});
const bot = person('helper[bot]', 'helper[bot]@users.noreply.github.com');
const flags = { dryRun: false, takesApproval: true };
const CI = { CI: 'true', GITHUB_ACTOR: 'octocat' };

describe('detectActor', () => {
  it('an agent identity (author or committer, by e-mail or by name) is an agent, in CI too', () => {
    expect(detectActor(doc, id(bot), {}, flags)).toEqual({ name: 'helper[bot]', kind: 'agent' });
    expect(detectActor(doc, id(bot), CI, flags)).toEqual({ name: 'helper[bot]', kind: 'agent' });
    const committedByRobot = { ...id(), committer: person('Release-Robot', 'r@example.com') };
    expect(detectActor(doc, committedByRobot, {}, flags)).toEqual({ name: 'Release-Robot', kind: 'agent' });
    // Without agents.identities nobody is an agent.
    expect(detectActor(plain, id(bot), {}, flags)).toEqual({ name: 'helper[bot]', kind: 'human' });
  });

  it('a preset needs no policy entry: the Copilot commit e-mail, a CI run Copilot or Dependabot started', () => {
    const copilot = person('Copilot', '198982749+Copilot@users.noreply.github.com');
    expect(detectActor(plain, id(copilot), {}, flags)).toEqual({ name: 'Copilot', kind: 'agent' });
    expect(detectActor(plain, id(), { CI: 'true', GITHUB_ACTOR: 'Copilot' }, flags)).toEqual({
      name: 'Copilot via CI',
      kind: 'agent',
    });
    // Near miss: a person whose login merely contains the name.
    expect(detectActor(plain, id(), { CI: 'true', GITHUB_ACTOR: 'copilot-fan' }, flags).kind).toBe('ci');
    expect(() => detectActor(plain, id(), {}, { ...flags, approvedBy: 'copilot' })).toThrow(/names an agent/);
  });

  it('CI, else the human git names, else $USER (via GitIdentity.name)', () => {
    expect(detectActor(doc, id(), CI, flags)).toEqual({ name: 'octocat via CI', kind: 'ci' });
    expect(detectActor(doc, id(), { GITHUB_ACTIONS: 'true' }, flags)).toEqual({ name: 'ci', kind: 'ci' });
    expect(detectActor(doc, id(), {}, flags)).toEqual({ name: 'Ada', kind: 'human' });
  });

  it('no name: --approved-by is who acts; a dry run or a command without approval goes on; else one line', () => {
    const nameless = id(person('root', 'root@vm.(none)'), null);
    expect(detectActor(doc, nameless, {}, { ...flags, approvedBy: ' Bo ' })).toEqual({
      name: 'Bo',
      kind: 'human',
    });
    expect(detectActor(doc, nameless, {}, { ...flags, dryRun: true }).name).not.toBe('unknown');
    expect(detectActor(doc, nameless, {}, { ...flags, takesApproval: false }).kind).toBe('human');
    expect(() => detectActor(doc, nameless, {}, flags)).toThrow(DeployError);
    expect(() => detectActor(doc, nameless, {}, flags)).toThrow(/pass --approved-by NAME/);
  });

  it('refuses an --approved-by that names an agent, whoever runs it', () => {
    for (const [who, approvedBy] of [
      [bot, 'Helper[Bot]'],
      [bot, 'helper[bot]@users.noreply.github.com'],
      [person('Ada', 'ada@example.com'), 'other[bot]@users.noreply.github.com'],
      [person('Ada', 'ada@example.com'), 'RELEASE-ROBOT'],
    ] as const) {
      expect(() => detectActor(doc, id(who), {}, { ...flags, approvedBy }), approvedBy).toThrow(
        `--approved-by ${approvedBy} names an agent (agents.identities, agents.accounts or a preset)`,
      );
    }
    expect(detectActor(doc, id(bot), {}, { ...flags, approvedBy: 'Ada Approver' }).kind).toBe('agent');
  });

  it('refuses names only machines go by, with no policy entry; a person sharing a word is not one', () => {
    const ada = id(person('Ada', 'ada@example.com'));
    for (const approvedBy of [
      'helper[bot]',
      'renovate[bot]@users.noreply.github.com',
      'claude',
      'Claude Code',
      'Claude Opus 4.5',
      'GitHub Copilot coding agent',
      'devin',
    ])
      expect(() => detectActor(plain, ada, {}, { ...flags, approvedBy }), approvedBy).toThrow(
        /names an agent/,
      );
    for (const approvedBy of ['Claude Monet', 'Devin Smith', 'Ada Approver', 'bot'])
      expect(detectActor(plain, ada, {}, { ...flags, approvedBy }).kind, approvedBy).toBe('human');
  });

  it("a coding agent's shell makes the run the agent's, under the person's git identity", () => {
    const ada = id(person('Ada', 'ada@example.com'));
    for (const [env, agent] of [
      [{ CLAUDECODE: '1' }, 'Claude Code'],
      [{ GEMINI_CLI: '1' }, 'Gemini CLI'],
      [{ CODEX_SANDBOX_NETWORK_DISABLED: '1' }, 'OpenAI Codex'],
      [{ CODEX_SANDBOX: 'seatbelt' }, 'OpenAI Codex'],
    ] as const)
      expect(detectActor(plain, ada, env, flags), agent).toEqual({ name: `${agent} as Ada`, kind: 'agent' });
    // Even in CI: the agent's mark wins over a variable any process can set.
    expect(detectActor(plain, ada, { ...CI, CLAUDECODE: '1' }, flags).kind).toBe('agent');
    // Near misses: the variables unset, empty, or another value than the agent's.
    for (const env of [{}, { CLAUDECODE: '' }, { CLAUDECODE: '0' }, { GEMINI_CLI: 'true' }])
      expect(detectActor(plain, ada, env, flags).kind, JSON.stringify(env)).toBe('human');
  });
});
