import { afterAll, describe, expect, it } from 'vitest';
import { startInProcess } from './helpers/in-process-server.js';
import type { LspSession } from './helpers/lsp-session.js';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

// The monorepo cases of nested policies (services/api/slipway.yaml governs services/api/):
// Restricted Mode, where git does not run; a repository whose only policies are nested; and the
// `slipway.policyFile` setting, read relative to each project folder.
const API_POLICY = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n';
const TOP_POLICY = 'version: 1\nprotected:\n  label: core\n  paths: [backend/]\n';
const DROP = 'DROP TABLE t;\n';
const API_SQL = 'services/api/db/0001.sql';

const codes = (d: { code?: unknown }[]) => d.map((x) => x.code);

describe('nested policies at the edges', () => {
  const repos: FixtureRepo[] = [];
  const sessions: (LspSession | ServiceSession)[] = [];
  afterAll(async () => {
    for (const lsp of sessions) await lsp.stop();
    for (const repo of repos) repo.remove();
  });
  const repoWith = (files: Record<string, string>) => {
    const repo = new FixtureRepo(files);
    repos.push(repo);
    return repo;
  };
  // Push to a client in Restricted Mode goes through the server (in this process); the rest
  // calls the language service.
  const startServer = async (...args: Parameters<typeof startInProcess>) => {
    const lsp = await startInProcess(...args);
    sessions.push(lsp);
    return lsp;
  };
  const start = async (...args: Parameters<typeof ServiceSession.start>) => {
    const lsp = await ServiceSession.start(...args);
    sessions.push(lsp);
    return lsp;
  };

  it('Restricted Mode finds a nested policy as the top one is found: from disk, without git', async () => {
    const repo = repoWith({
      'slipway.yaml': TOP_POLICY,
      'services/api/slipway.yaml': API_POLICY,
      [API_SQL]: DROP,
    });
    const lsp = await startServer(
      repo.dir,
      {},
      {
        initializationOptions: { workspaceTrusted: false },
        pullDiagnostics: false,
      },
    );
    const since = lsp.published.length;
    await lsp.open(API_SQL, DROP, 'sql');
    const pushed = await lsp.nextPublished(API_SQL, since, (d) => d.length > 0);
    expect(codes(pushed.diagnostics)).toContain('MIG001');
  });

  it('a repository whose only policies are nested names them at the top instead of "no policy"', async () => {
    const repo = repoWith({
      'services/api/slipway.yaml': API_POLICY,
      [API_SQL]: DROP,
      'services/web/slipway.yaml': API_POLICY,
      'README.md': 'monorepo\n',
    });
    const lsp = await start(repo.dir);
    await lsp.open('README.md', 'monorepo\n');
    expect(await lsp.pull('README.md')).toEqual([]);
    await lsp.waitFor(() => lsp.statuses.some((s) => s.root === repo.dir));
    const top = lsp.statuses.filter((s) => s.root === repo.dir).at(-1);
    expect(top?.kind).toBe('no-policy');
    expect(top?.message).toContain('services/api/, services/web/');
    expect(top?.message).not.toContain('slipway init');
    expect(codes(await lsp.pull(API_SQL))).toContain('MIG001');
  });

  it('slipway.policyFile is read relative to each project folder; a nested folder without that file keeps its own', async () => {
    const repo = repoWith({
      'deploy/slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n',
      'db/0001.sql': DROP,
      'services/api/slipway.yaml': API_POLICY,
      [API_SQL]: DROP,
      'services/web/slipway.yaml': API_POLICY,
      'services/web/deploy/slipway.yaml': 'version: 1\n',
      'services/web/db/0001.sql': DROP,
    });
    const lsp = await start(repo.dir, { settings: { policyFile: 'deploy/slipway.yaml' } });
    // The root uses deploy/slipway.yaml (on main it checks the change, which is empty).
    expect(await lsp.pull('db/0001.sql')).toEqual([]);
    expect(lsp.statuses.find((s) => s.root === repo.dir)?.message).toMatch(/^deploy\/slipway\.yaml: /);
    // services/api has no deploy/slipway.yaml: its own slipway.yaml governs it.
    expect(codes(await lsp.pull(API_SQL))).toContain('MIG001');
    // services/web has one, which configures no migrations: the drop there is not checked.
    expect(await lsp.pull('services/web/db/0001.sql')).toEqual([]);
  });
});
