import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

// A client that cannot watch files (no didChangeWatchedFiles registration): the server watches
// `.git` itself, so git commands run in a terminal still refresh the change under review.
describe('git state seen by the server when the client cannot watch files', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    repo = new FixtureRepo();
    lsp = await LspSession.start(repo.dir, { watchFiles: false });
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  const changeSetLogged = (line: string) => lsp.waitFor(() => lsp.logs.some((l) => l.includes(line)));

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
    await lsp.waitFor(() => lsp.refreshes.length > before);
    await lsp.pull('slipway.yaml');
    await changeSetLogged('change set: feature/terminal vs main, 1 file(s)');
  });

  it('notices a reset of the branch', async () => {
    const before = lsp.refreshes.length;
    repo.git('reset', '-q', '--hard', 'main');
    await lsp.waitFor(() => lsp.refreshes.length > before);
    await lsp.pull('slipway.yaml');
    await changeSetLogged('change set: feature/terminal vs main, 0 file(s)');
    expect(lsp.logs.filter((l) => l.startsWith('change set: feature/terminal')).at(-1)).toContain(
      '0 file(s)',
    );
  });
});
