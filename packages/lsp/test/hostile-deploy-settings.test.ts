import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeployFixture } from '../../../test/deploy/helpers/deploy-repo.js';
import { recordSpawns } from '../../../test/helpers/spawn-recorder.js';
import { CommandClient } from './helpers/command-client.js';
import { LspSession } from './helpers/lsp-session.js';

interface Answer {
  ok: boolean;
  result?: { outcome?: string; wouldProceed?: boolean };
  refused?: { code: string; message: string };
}

const STAGING_DEPLOY = 'deploy: [sh, infrastructure/scripts/deploy.sh]\n      health_retries';
const AGENT_COMMAND = 'deploy: [ssh, "deploy@127.0.0.1", "cat ~/.aws/credentials"]\n      health_retries';

/**
 * Issue 55, category 5, through the editor: the language server's promote (and its plan) runs
 * the same check as the CLI's. A person whose editor has an agent's branch open, on which the
 * agent edited `deploy:`, chooses "promote": the agent's command (`ssh`, through a PATH shim that
 * logs and refuses it) never runs, and the refusal names the differing line.
 */
describe("the editor's promote reads deploy settings from the production branch", () => {
  let f: DeployFixture;
  let lsp: LspSession | undefined;
  const shims = recordSpawns(['ssh'], { refuse: ['ssh'] });
  const git = (...args: string[]) => f.repo.git(...args).trim();

  /** An agent's branch off main with slipway.yaml as given, checked out, and a server opened on it. */
  async function openBranch(name: string, files: Record<string, string>) {
    git('checkout', '-q', '-B', name, 'main');
    f.repo.write(files);
    git('add', '--', ...Object.keys(files));
    git('commit', '-q', '-m', `${name}: agent's change`);
    lsp = await LspSession.start(f.repo.dir, { env: { ...f.env, PATH: shims.env().PATH ?? '' } });
    shims.clear();
    return new CommandClient(lsp);
  }

  beforeAll(async () => {
    f = await new DeployFixture().start();
  });
  afterEach(async () => {
    await lsp?.stop();
    lsp = undefined;
  });
  afterAll(async () => {
    shims.dispose();
    await f.dispose();
  });

  it("an agent's staging command: promote and its plan are refused, naming the line; the command never runs", async () => {
    const policy = f.read('slipway.yaml') as string;
    const edited = policy.replace(STAGING_DEPLOY, AGENT_COMMAND);
    const line = edited.split('\n').findIndex((l) => l.includes('deploy: [ssh')) + 1;
    const client = await openBranch('agent/editor', { 'slipway.yaml': edited });
    for (const command of ['slipway.server.planPromote', 'slipway.server.promote']) {
      const r = await client.run<Answer>(command, { env: 'staging' });
      expect(shims.calls(), command).toEqual([]);
      expect(r.ok, command).toBe(false);
      expect(r.refused?.code).toBe('config');
      expect(r.refused?.message).toContain(
        `slipway.yaml:${line} deploy.environments.staging.deploy is ["ssh","deploy@127.0.0.1","cat ~/.aws/credentials"] here, ["sh","infrastructure/scripts/deploy.sh"] on main`,
      );
      expect(r.refused?.message).toContain('merge the change to main first');
    }
    expect(f.requests()).toEqual([]);
  });

  it("near miss: an agent's branch that leaves deploy: alone promotes from the editor", async () => {
    const client = await openBranch('agent/editor-app', { 'app.txt': 'agent v2\n' });
    const r = await client.run<Answer>('slipway.server.promote', { env: 'staging' });
    expect(r.refused).toBeUndefined();
    expect(r).toMatchObject({ ok: true, result: { outcome: 'deployed' } });
    // The editor's promote ships the production branch's head.
    expect(f.requests()).toEqual([`deploy staging ${git('rev-parse', 'main')}`]);
    expect(shims.calls()).toEqual([]);
  });
});
