import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandClient } from './helpers/command-client.js';
import { startInProcess } from './helpers/in-process-server.js';
import type { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

/** "Create Policy File" from any LSP client: `slipway init` run by the server for the folder. */
describe('slipway.server.init', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;
  let client: CommandClient;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'backend/requirements.txt': 'fastapi==0.110.0\n',
      // init pairs requirements only with a lock that exists.
      'backend/requirements.lock': 'fastapi==0.110.0\n',
      'backend/alembic.ini': '[alembic]\nscript_location = alembic\n',
      'backend/alembic/versions/0001_init.py': '"""init"""\nrevision = "0001"\ndown_revision = None\n',
    });
    lsp = await startInProcess(repo.dir, {});
    client = new CommandClient(lsp);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('refuses a deploy command while there is no policy, and names Create Policy File', async () => {
    const answer = await client.run<{ ok: boolean; refused: { code: string; hint: string } }>(
      'slipway.server.promote',
      { env: 'staging' },
    );
    expect(answer.ok).toBe(false);
    expect(answer.refused.code).toBe('no-policy');
    expect(answer.refused.hint).toMatch(/Create Policy File/);
  });

  it('writes slipway.yaml from what the repository holds, then the project has a policy', async () => {
    const answer = await client.run<{
      ok: boolean;
      result: { created: boolean; path: string; decisions: string[] };
    }>('slipway.server.init');
    expect(answer).toMatchObject({
      ok: true,
      result: { created: true, path: join(repo.dir, 'slipway.yaml') },
    });
    // The same decisions `slipway init` prints, from the same detection.
    expect(answer.result.decisions).toContain(
      'backend/requirements.txt → backend/requirements.lock: requirements and their lock, mode mirror (the lock names exactly the requirements)',
    );
    const text = readFileSync(join(repo.dir, 'slipway.yaml'), 'utf8');
    expect(text).toContain('production_branch: "main"');
    expect(text).toContain('alembic: "backend/alembic/versions"');
    expect(text).toContain('requirements: "backend/requirements.txt"');
    expect(text).toContain('lock: "backend/requirements.lock"');
    expect(text).toContain('- "backend/alembic/"');
    // The server knows the file is there without a watcher event: the next pull checks against it.
    await lsp.open('backend/requirements.txt', 'fastapi>=0.110.0\n');
    const items = await lsp.pull('backend/requirements.txt');
    expect(items.map((d) => d.code)).toContain('DEP001');
  });

  it('keeps an existing policy and says so', async () => {
    const before = readFileSync(join(repo.dir, 'slipway.yaml'), 'utf8');
    const answer = await client.run<{ ok: boolean; refused: { code: string; message: string } }>(
      'slipway.server.init',
    );
    expect(answer.ok).toBe(false);
    expect(answer.refused.code).toBe('policy-exists');
    expect(answer.refused.message).toMatch(/slipway\.yaml already exists/);
    expect(readFileSync(join(repo.dir, 'slipway.yaml'), 'utf8')).toBe(before);
  });

  it('refuses a folder argument that is not a file URI, in one line', async () => {
    const answer = await lsp.executeCommand('slipway.server.init', { folder: 'untitled:x' });
    expect(answer).toMatchObject({ ok: false, refused: { code: 'bad-arguments' } });
    expect(existsSync(join(repo.dir, 'slipway.yaml'))).toBe(true);
  });
});
