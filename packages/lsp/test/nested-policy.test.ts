import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo, POLICY } from './helpers/repo-fixture.js';

// A monorepo: the top's policy (no migrations configured) and `services/api/slipway.yaml`,
// whose paths are relative to its own folder. Each file is checked with the nearest policy
// above it, up to the repository's top.
const API_POLICY = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n';
const DROP = 'DROP TABLE t;\n';

describe('a policy in a nested folder', () => {
  let repo: FixtureRepo;
  let lsp: ServiceSession;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      'backend/core/app.py': 'x = 1\n',
      'services/api/slipway.yaml': API_POLICY,
      'services/api/db/0001.sql': DROP,
      'db/0001.sql': DROP,
    });
    lsp = await ServiceSession.start(repo.dir);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  const codes = async (path: string) => (await lsp.pull(path)).map((d) => d.code);

  it('checks the files under services/api/ with services/api/slipway.yaml', async () => {
    await lsp.open('services/api/db/0001.sql', DROP);
    expect(await codes('services/api/db/0001.sql')).toContain('MIG001');
    // The top's policy configures no migrations: its db/ is no migration folder.
    expect(await codes('db/0001.sql')).toEqual([]);
    expect(await codes('slipway.yaml')).toContain('POL002');
  });

  it('an edit of the nested policy applies to its folder at once', async () => {
    await lsp.open('services/api/slipway.yaml', API_POLICY);
    await lsp.change('services/api/slipway.yaml', `${API_POLICY}rules:\n  MIG001: warning\n`);
    const found = await lsp.pull('services/api/db/0001.sql');
    expect(found.find((d) => d.code === 'MIG001')?.severity).toBe(2);
  });

  it('the workspace pull reports each file once, with its own policy', async () => {
    const report = await lsp.pullWorkspace();
    const uris = report.items.filter((i) => 'items' in i && i.items.length > 0).map((i) => i.uri);
    expect(uris.filter((u) => u === lsp.uri('services/api/db/0001.sql'))).toHaveLength(1);
    expect(uris).toContain(lsp.uri('slipway.yaml'));
    expect(uris).not.toContain(lsp.uri('db/0001.sql'));
  });

  it('a policy created below the top while the server runs governs its folder; one deleted, no more', async () => {
    repo.write({ 'services/web/slipway.yaml': API_POLICY, 'services/web/db/0001.sql': DROP });
    // The server asks for a pull once it has taken the event in.
    let before = lsp.refreshes.length;
    await lsp.watched([
      { path: 'services/web/slipway.yaml', type: FileChangeType.Created },
      { path: 'services/web/db/0001.sql', type: FileChangeType.Created },
    ]);
    await lsp.waitFor(() => lsp.refreshes.length > before);
    expect(await codes('services/web/db/0001.sql')).toContain('MIG001');
    await lsp.close('services/api/slipway.yaml');
    rmSync(join(repo.dir, 'services/api/slipway.yaml'));
    before = lsp.refreshes.length;
    await lsp.watched([{ path: 'services/api/slipway.yaml', type: FileChangeType.Deleted }]);
    await lsp.waitFor(() => lsp.refreshes.length > before);
    // The top's policy configures no migrations.
    expect(await codes('services/api/db/0001.sql')).toEqual([]);
  });
});
