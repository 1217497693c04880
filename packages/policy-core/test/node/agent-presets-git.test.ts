import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AgentSignal, agentSignal } from '../../src/agents/change-author.js';
import { AGENT_PRESETS } from '../../src/agents/presets.js';
import { parsePolicyText } from '../../src/index.js';
import { readChangeSet } from '../../src/node/index.js';
import { cleanup, commit, git, HUMAN, initRepo, tempDir, type Who } from './git-fixture.js';

/**
 * Every preset's signals one by one as git and GitHub deliver them: a real repository, a branch
 * pushed under the preset's name, commits authored under its e-mails and bot names, its
 * Co-authored-by trailers written by `git commit -m`, and a pull request's author read from an
 * event file, each read back by the git adapter (`readChangeSet`) and judged by `agentSignal`.
 * The near misses are the ones git makes easy to get wrong: a trailer quoted in a body, a
 * trailer-shaped line in the middle of a message, a person whose name is an agent's.
 */

afterAll(cleanup);

const doc = (() => {
  const parsed = parsePolicyText('version: 1\n', 'slipway.yaml').document;
  if (!parsed) throw new Error('policy did not parse');
  return parsed;
})();

/** A pattern with its wildcards filled: `copilot/**` → `copilot/fix/login`, `*+x@y` → `123+x@y`. */
const instance = (pattern: string) => pattern.replace('**', 'fix/login').replace('*', '198982749');

const credited = (s: AgentSignal | undefined) =>
  s && 'preset' in s.origin ? `${s.kind} ${s.origin.preset}` : (s?.kind ?? 'human');

const repo = initRepo();
const base = commit(repo, { 'slipway.yaml': 'version: 1\n', 'a.txt': '0\n' }, 'init');
let n = 0;

/** One commit on a new branch from `base`, read back as a change and judged. */
async function judge(
  opts: { branch?: string; message?: string; author?: Who; event?: object } = {},
): Promise<string> {
  n++;
  const branch = opts.branch ?? `feature/case-${n}`;
  git(repo, ['checkout', '-q', '-b', branch, base]);
  commit(repo, { 'a.txt': `${n}\n` }, opts.message ?? `Change ${n}`, { author: opts.author ?? HUMAN });
  const env: Record<string, string> = {};
  if (opts.event) {
    const path = join(tempDir('slipway-event-'), 'event.json');
    writeFileSync(path, JSON.stringify(opts.event));
    env.GITHUB_EVENT_PATH = path;
  }
  const change = await readChangeSet({ repo, base, productionBranch: 'main', env });
  git(repo, ['checkout', '-q', 'main']);
  return credited(agentSignal(doc, change));
}

describe('each preset signal, as git and GitHub deliver it', () => {
  for (const p of AGENT_PRESETS) {
    it(`${p.id}: its branches, logins and e-mails`, async () => {
      for (const b of p.branches)
        expect(await judge({ branch: instance(b.value) }), b.value).toBe(`branch ${p.id}`);
      for (const l of p.logins) {
        const event = {
          pull_request: { number: 7, user: { login: l.value }, head: { ref: `feature/pr-${n}` } },
        };
        expect(await judge({ event }), l.value).toBe(`pull-request-author ${p.id}`);
      }
      for (const e of p.emails) {
        const email = instance(e.value);
        expect(await judge({ author: { name: 'Someone', email } }), email).toBe(`author ${p.id}`);
        const message = `Fix the login form\n\nThe field lost focus.\n\nCo-authored-by: Someone <${email}>`;
        expect(await judge({ message }), `trailer ${email}`).toBe(`trailer ${p.id}`);
      }
    });
  }

  it('near misses stay a person’s: a quoted trailer, one mid-message, a person named Claude', async () => {
    const anthropic = 'Claude <noreply@anthropic.com>';
    const quoted = `Revert the tidy\n\nThe commit said:\n\n> Co-authored-by: ${anthropic}\n\nSigned-off-by: ${HUMAN.name} <${HUMAN.email}>`;
    expect(await judge({ message: quoted })).toBe('human');
    const midMessage = `Tidy\n\nCo-authored-by: ${anthropic} was what the bot wrote,\nbut a person redid it all.`;
    expect(await judge({ message: midMessage })).toBe('human');
    expect(await judge({ author: { name: 'Claude Monet', email: 'claude@monet.example' } })).toBe('human');
    expect(await judge({ branch: 'feature/copilot-docs' })).toBe('human');
  });
});
