import type { Diagnostic } from 'vscode-languageserver-protocol';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo, POLICY, UPDATE_TOML } from './helpers/repo-fixture.js';

// Two workspace folders, each its own repository and policy, with the same repo-relative paths
// (slipway.yaml, config/update.toml): findings and status are per folder, and an edit in one
// never reaches the other (no cache is shared by a repo-relative path).
describe('a multi-root workspace', () => {
  let a: FixtureRepo;
  let b: FixtureRepo;
  let lsp: ServiceSession;

  beforeAll(async () => {
    a = new FixtureRepo();
    // B has a file under `nothere/`: its policy's patterns all match (no POL002).
    b = new FixtureRepo({
      'slipway.yaml': POLICY,
      'config/update.toml': UPDATE_TOML,
      'backend/core/app.py': 'x = 1\n',
      'nothere/readme.md': '# here\n',
    });
    lsp = await ServiceSession.start(a.dir, { moreFolders: [b.dir] });
  });
  afterAll(async () => {
    await lsp?.stop();
    a?.remove();
    b?.remove();
  });

  const codes = async () => {
    const report = await lsp.pullWorkspace();
    const out: Record<string, unknown[]> = {};
    for (const item of report.items)
      if ('items' in item && item.items.length > 0) out[item.uri] = item.items.map((d) => d.code);
    return out;
  };
  const bUri = (path: string) => lsp.uri(join(b.dir, path));
  /** The last status of the folder whose repository is `dir`. */
  const statusOf = (dir: string) =>
    lsp.statuses.findLast((s) => s.root.endsWith(dir.split('/').pop() as string));

  it('each folder is checked with its own policy, and reports its own status', async () => {
    expect(await codes()).toEqual({
      [lsp.uri('slipway.yaml')]: ['POL002'],
      [lsp.uri('config/update.toml')]: ['UPD004'],
      [bUri('config/update.toml')]: ['UPD004'],
    });
    expect(statusOf(a.dir)?.message).toMatch(/0 error\(s\), 2 warning\(s\)/);
    expect(statusOf(b.dir)?.message).toMatch(/0 error\(s\), 1 warning\(s\)/);
  });

  it('an edit in one folder changes its findings only', async () => {
    await lsp.open('config/update.toml', UPDATE_TOML);
    await lsp.change('config/update.toml', UPDATE_TOML.replace('= false', '= true'));
    expect(await lsp.pull('config/update.toml')).toEqual([]);
    expect(await codes()).toEqual({
      [lsp.uri('slipway.yaml')]: ['POL002'],
      [bUri('config/update.toml')]: ['UPD004'],
    });
    expect(statusOf(a.dir)?.message).toMatch(/0 error\(s\), 1 warning\(s\)/);
    expect(statusOf(b.dir)?.message).toMatch(/0 error\(s\), 1 warning\(s\)/);
  });

  it('a buffer of the other folder with the same repo path is that folder’s alone', async () => {
    await lsp.open(join(b.dir, 'slipway.yaml'), POLICY.replace(', nothere/', ', gone/'));
    const stale = (found: Diagnostic[]) =>
      found.filter((d) => d.code === 'POL002').map((d) => String(d.message).match(/`[^`]+`/)?.[0]);
    expect(stale(await lsp.pull(join(b.dir, 'slipway.yaml')))).toEqual(['`gone/`']);
    // A's policy buffer is not open: A still reads its own file from disk.
    expect(stale(await lsp.pull('slipway.yaml'))).toEqual(['`nothere/`']);
    expect((await lsp.pull(join(b.dir, 'config/update.toml'))).map((d) => d.code)).toEqual(['UPD004']);
  });
});
