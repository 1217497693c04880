import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandClient } from './helpers/command-client.js';
import { startInProcess } from './helpers/in-process-server.js';
import type { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

const DROP_SQL = 'CREATE TABLE a (id int);\nDROP TABLE users;\n';

/**
 * An untrusted workspace (the extension passes workspaceTrusted: false): findings in open files
 * still show, and nothing runs git. A `git` on PATH that leaves a mark proves it never ran.
 */
describe('Restricted Mode', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;
  let client: CommandClient;
  const fakeBin = mkdtempSync(join(tmpdir(), 'slipway-fake-git-'));
  const mark = join(fakeBin, 'git-ran');
  const savedPath = process.env.PATH;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n',
      'db/001.sql': 'CREATE TABLE a (id int);\n',
    });
    writeFileSync(join(fakeBin, 'git'), `#!/bin/sh\necho "$@" >> "${mark}"\nexit 1\n`);
    chmodSync(join(fakeBin, 'git'), 0o755);
    // The server runs in this process: the fake git stays first on PATH until the tests end.
    process.env.PATH = `${fakeBin}${delimiter}${savedPath}`;
    lsp = await startInProcess(
      repo.dir,
      {},
      { initializationOptions: { workspaceTrusted: false }, pullDiagnostics: false },
    );
    client = new CommandClient(lsp);
  });
  afterAll(async () => {
    process.env.PATH = savedPath;
    await lsp?.stop();
    repo?.remove();
    rmSync(fakeBin, { recursive: true, force: true });
  });

  it('publishes the findings of an open file without running git', async () => {
    const since = lsp.published.length;
    await lsp.open('db/001.sql', DROP_SQL, 'sql');
    const published = await lsp.nextPublished('db/001.sql', since, (d) => d.length > 0);
    expect(published.diagnostics.map((d) => [d.code, d.range.start.line])).toContainEqual(['MIG001', 1]);
    expect(existsSync(mark) ? readFileSync(mark, 'utf8') : '').toBe('');
  });

  it('answers the workspace pull with nothing: the tree is not read, only open files', async () => {
    const report = await lsp.pullWorkspace();
    expect(report.items).toEqual([]);
  });

  it('refuses promote and init with the reason, and writes nothing', async () => {
    const before = repo.git('status', '--porcelain');
    for (const command of ['slipway.server.promote', 'slipway.server.init', 'slipway.server.guard']) {
      const answer = await client.run<{
        ok: boolean;
        refused: { code: string; message: string; hint: string };
      }>(command, { env: 'production' });
      expect(answer.ok).toBe(false);
      expect(answer.refused.code).toBe('untrusted');
      expect(answer.refused.message).toMatch(/not trusted.*runs git/);
      expect(answer.refused.hint).toMatch(/Trust the workspace/);
    }
    expect(client.questions).toEqual([]);
    expect(repo.git('status', '--porcelain')).toBe(before);
    expect(existsSync(mark) ? readFileSync(mark, 'utf8') : '').toBe('');
  });

  it('announces every command, so a plain client can list them', () => {
    const commands = lsp.initializeResult.capabilities.executeCommandProvider?.commands ?? [];
    expect(commands).toContain('slipway.server.revalidate');
    expect(commands).toContain('slipway.server.init');
  });
});
