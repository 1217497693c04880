import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

/**
 * The status the server sends says who made the change under review, as the rules decide it:
 * a commit with a Claude trailer on a human-named branch is an agent's change, and says so; the
 * same branch without it is a human's.
 */

const POLICY = 'version: 1\nprotected:\n  paths: [core/]\n';
type Status = { agent?: string; agentShort?: string; agentBranch?: boolean; branch?: string };

describe('slipway/status names an agent change and its signal', () => {
  let repo: FixtureRepo | undefined;
  let lsp: ServiceSession | undefined;
  afterEach(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  async function statusAfter(message: string): Promise<Status> {
    repo = new FixtureRepo({ 'slipway.yaml': POLICY, 'core/a.py': 'a = 0\n' });
    repo.git('checkout', '-q', '-b', 'feature/x');
    writeFileSync(join(repo.dir, 'core/a.py'), 'a = 1\n');
    repo.git('commit', '-q', '-am', message);
    const session = await ServiceSession.start(repo.dir);
    lsp = session;
    await session.pullWorkspace();
    await session.waitFor(() => session.statuses.some((s) => (s as Status).branch === 'feature/x'));
    return session.statuses.findLast((s) => (s as Status).branch === 'feature/x') as Status;
  }

  it('a Co-authored-by: Claude trailer: an agent change, with the trailer and its commit', async () => {
    const status = await statusAfter('Tidy\n\nCo-authored-by: Claude <noreply@anthropic.com>');
    const sha = repo?.git('rev-parse', '--short=7', 'HEAD').trim();
    expect(status.agent).toBe(
      `Co-authored-by: Claude <noreply@anthropic.com> in commit ${sha} (the claude preset)`,
    );
    // The status bar's few words: the trailer's person and the commit, no e-mail.
    expect(status.agentShort).toBe(`Co-authored-by: Claude, commit ${sha}`);
    expect(status.agentBranch).toBe(false);
  });

  it('the same change without it: a human change, no agent', async () => {
    const status = await statusAfter('Tidy by hand');
    expect(status.agent).toBeUndefined();
    expect(status.agentShort).toBeUndefined();
  });
});
