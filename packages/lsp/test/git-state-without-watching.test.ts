import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess } from './helpers/in-process-server.js';
import type { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

// A client that cannot watch files (no didChangeWatchedFiles registration): the server watches
// `.git` itself, so git commands run in a terminal still refresh the change under review.
describe('git state seen by the server when the client cannot watch files', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    repo = new FixtureRepo();
    lsp = await startInProcess(repo.dir, {}, { watchFiles: false });
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  /**
   * Acts as a pulling client does: pulls again after each refresh the server asks for, until
   * the server has read the change set named. One git command may reach the server as several
   * refreshes (the index, then the branch). Resolves with the server's log line; throws past 60 s.
   */
  const pullUntil = async (line: string, since: number): Promise<string | undefined> => {
    let seen = since;
    const deadline = Date.now() + 60_000;
    while (!lsp.logs.some((l) => l.startsWith(line))) {
      if (Date.now() > deadline) throw new Error(`never logged "${line}":\n${lsp.logs.join('\n')}`);
      await Promise.race([
        lsp.waitFor(() => lsp.refreshes.length > seen),
        new Promise((resolve) => setTimeout(resolve, 1000)),
      ]);
      seen = lsp.refreshes.length;
      await lsp.pull('slipway.yaml');
    }
    return lsp.logs.find((l) => l.startsWith(line));
  };

  it('registers no watchers with the client', async () => {
    await lsp.pull('slipway.yaml');
    expect(lsp.registrations.map((r) => r.method)).not.toContain('workspace/didChangeWatchedFiles');
  });

  it('notices a checkout and a commit, and asks the client to pull again', async () => {
    const before = lsp.refreshes.length;
    repo.git('checkout', '-q', '-b', 'feature/terminal');
    repo.write({ 'docs/t.md': 't\n' });
    repo.git('add', 'docs');
    repo.git('commit', '-q', '-m', 'from a terminal');
    expect(await pullUntil('change set: feature/terminal vs main, 1 file(s)', before)).toBeDefined();
  });

  it('notices a reset of the branch', async () => {
    const before = lsp.refreshes.length;
    repo.git('reset', '-q', '--hard', 'main');
    await pullUntil('change set: feature/terminal vs main, 0 file(s)', before);
    expect(lsp.logs.filter((l) => l.startsWith('change set: feature/terminal')).at(-1)).toContain(
      '0 file(s)',
    );
  });
});
