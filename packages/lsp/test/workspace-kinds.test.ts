import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo, POLICY, UPDATE_TOML } from './helpers/repo-fixture.js';

describe('workspaces of every kind', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  const start = async (dir: string) => {
    const lsp = await ServiceSession.start(dir);
    cleanup.push(() => lsp.stop());
    return lsp;
  };

  it('without a policy: no findings, and a status that says how to get one', async () => {
    const repo = new FixtureRepo({ 'config/update.toml': UPDATE_TOML });
    cleanup.push(() => repo.remove());
    const lsp = await start(repo.dir);
    await lsp.open('config/update.toml', UPDATE_TOML);
    expect(await lsp.pull('config/update.toml')).toEqual([]);
    await lsp.waitFor(() => lsp.statuses.length > 0);
    expect(lsp.statuses.at(-1)).toMatchObject({
      kind: 'no-policy',
      message: expect.stringContaining('slipway init'),
    });
    expect(lsp.messages).toEqual([]);
  });

  it('outside git: the folder is the repository, and rules that need no history still run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-lsp-nogit-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'config'));
    mkdirSync(join(dir, 'backend/core'), { recursive: true });
    writeFileSync(join(dir, 'slipway.yaml'), POLICY);
    writeFileSync(join(dir, 'config/update.toml'), UPDATE_TOML);
    writeFileSync(join(dir, 'backend/core/app.py'), 'x = 1\n');
    const lsp = await start(dir);
    const report = await lsp.pullWorkspace();
    expect(
      report.items.map((i) => [i.uri, i.kind === 'full' ? i.items.map((d) => d.code) : []]).sort(),
    ).toEqual([
      [lsp.uri('config/update.toml'), ['UPD004']],
      [lsp.uri('slipway.yaml'), ['POL002']],
    ]);
    expect(lsp.logs.join('\n')).toContain('(not a git repository)');
  });

  it('a folder below the repository root belongs to that repository', async () => {
    const repo = new FixtureRepo();
    cleanup.push(() => repo.remove());
    const lsp = await start(join(repo.dir, 'config'));
    await lsp.open('update.toml', UPDATE_TOML, 'toml');
    const report = (await lsp.pullReport('update.toml')) as {
      items: { code: string }[];
    };
    expect(report.items.map((d) => d.code)).toEqual(['UPD004']);
  });
});
