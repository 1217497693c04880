import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, LspSession } from './helpers/lsp-session.js';
import { FixtureRepo, UPDATE_TOML } from './helpers/repo-fixture.js';

describe('slipway lsp --stdio', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    repo = new FixtureRepo();
    lsp = await LspSession.start(repo.dir, { command: [process.execPath, CLI, 'lsp', '--stdio'] });
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('is the same server, started from the command line', async () => {
    expect(lsp.initializeResult.serverInfo?.name).toBe('slipway');
    await lsp.open('config/update.toml', UPDATE_TOML);
    expect((await lsp.pull('config/update.toml')).map((d) => d.code)).toEqual(['UPD004']);
  });
});
