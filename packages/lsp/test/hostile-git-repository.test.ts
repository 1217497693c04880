import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareShapedFolder, expectHardened, type Marker, marker } from '../../../test/helpers/hostile-git.js';
import { recordSpawns, type SpawnRecorder } from '../../../test/helpers/spawn-recorder.js';
import { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo, POLICY } from './helpers/repo-fixture.js';

/**
 * Issue 55, category 1 (git), in the language server over stdio: opening a clone whose committed
 * content holds a folder shaped like a bare repository (HEAD, objects/, refs/, a config whose
 * fsmonitor runs a command) runs nothing, even in a trusted workspace where the server runs git.
 * The attacker's command creates a marker file; the recorder's log shows every git the server
 * started named the real repository and carried the hardening. Near misses: the same folders
 * still give their findings.
 */

const NESTED_POLICY = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n';
const DROP = 'DROP TABLE t;\n';
const TRUSTED = { workspaceTrusted: true };

let spawns: SpawnRecorder;
beforeAll(() => {
  spawns = recordSpawns(['git']);
});
afterAll(() => spawns.dispose());

const shimmedPath = () => ({ PATH: `${spawns.dir}${delimiter}${process.env.PATH ?? ''}` });
const codes = async (lsp: LspSession, path: string) => (await lsp.pull(path)).map((d) => d.code);

describe('a nested policy in a committed folder shaped like a bare repository', () => {
  let m: Marker;
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    m = marker();
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      'backend/core/app.py': 'x = 1\n',
      ...bareShapedFolder('evil', m.command),
      'evil/slipway.yaml': NESTED_POLICY,
      'evil/db/0001.sql': DROP,
    });
    spawns.clear();
    lsp = await LspSession.start(repo.dir, { env: shimmedPath(), initializationOptions: TRUSTED });
    await lsp.open('evil/db/0001.sql', DROP);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
    m.dispose();
  });

  it('opening the workspace and its files runs none of its config: every git names the real .git', async () => {
    await lsp.pull('evil/db/0001.sql');
    await lsp.pullWorkspace();
    expect(m.ran()).toBe(false);
    expectHardened(spawns.calls(), join(realpathSync(repo.dir), '.git'));
  });

  it('near miss: the nested policy still governs its folder (MIG001 under evil/db)', async () => {
    expect(await codes(lsp, 'evil/db/0001.sql')).toContain('MIG001');
    expect(await codes(lsp, 'slipway.yaml')).toContain('POL002');
  });
});

describe('a workspace folder inside a repository, itself shaped like a bare repository', () => {
  let m: Marker;
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    m = marker();
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      ...bareShapedFolder('evil', m.command),
      'evil/slipway.yaml': NESTED_POLICY,
      'evil/db/0001.sql': DROP,
    });
    spawns.clear();
    // The editor opened the subfolder (a service of a monorepo, with its own policy), not the top.
    lsp = await LspSession.start(join(repo.dir, 'evil'), {
      env: shimmedPath(),
      initializationOptions: TRUSTED,
    });
    await lsp.open('db/0001.sql', DROP);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
    m.dispose();
  });

  it('opening it runs nothing its config names; git is given the enclosing repository', async () => {
    await lsp.pull('db/0001.sql');
    await lsp.pullWorkspace();
    expect(m.ran()).toBe(false);
    expectHardened(spawns.calls(), join(realpathSync(repo.dir), '.git'));
  });

  it('near miss: its files are checked with its own policy', async () => {
    expect(await codes(lsp, 'db/0001.sql')).toContain('MIG001');
  });
});

describe('a workspace outside any repository, shaped like a bare repository', () => {
  let m: Marker;
  let dir: string;
  let lsp: LspSession;

  beforeAll(async () => {
    m = marker();
    dir = mkdtempSync(join(tmpdir(), 'slipway-lsp-download-'));
    for (const [path, text] of Object.entries({
      ...bareShapedFolder('', m.command),
      'slipway.yaml': NESTED_POLICY,
      'db/0001.sql': DROP,
    })) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    spawns.clear();
    lsp = await LspSession.start(dir, { env: shimmedPath(), initializationOptions: TRUSTED });
    await lsp.open('db/0001.sql', DROP);
  });
  afterAll(async () => {
    await lsp?.stop();
    rmSync(dir, { recursive: true, force: true });
    m.dispose();
  });

  it('opening it runs nothing its config names, and git never takes it for a repository', async () => {
    await lsp.pull('db/0001.sql');
    await lsp.pullWorkspace();
    expect(m.ran()).toBe(false);
    for (const call of spawns.calls().filter((c) => c.program === 'git'))
      expect(call.args.join(' ')).not.toContain('--git-dir=');
    expectHardened(spawns.calls());
  });

  it('near miss: its files are checked as any folder outside git is', async () => {
    expect(await codes(lsp, 'db/0001.sql')).toContain('MIG001');
  });
});
