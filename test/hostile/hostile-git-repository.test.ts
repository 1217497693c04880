import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../deploy/helpers/run-cli.js';
import { DeployFixture } from '../deploy/helpers/deploy-repo.js';
import { slipwayAsync } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { bareShapedFolder, expectHardened, type Marker, marker } from '../helpers/hostile-git.js';
import { recordSpawns, type SpawnRecorder } from '../helpers/spawn-recorder.js';

/**
 * Issue 55, category 1 (git): a repository's content never chooses git's repository or its
 * config, and no git Slipway starts runs anything the repository names. The attacker's command
 * (an fsmonitor, a hook, a textconv) creates a marker file: it must never appear, and the
 * recorder's log shows every git carried the hardening (git-invocation.ts). Each attack has its
 * near miss beside it: the same layout used honestly still works.
 */

const POLICY = 'version: 1\nmigrations:\n  sql: ["db/*.sql", "evil/db/*.sql", "services/db/*.sql"]\n';
const DROP = 'DROP TABLE t;\n';

type Reported = { rule: string; file: string };

let spawns: SpawnRecorder;
let m: Marker;
const repos: TempRepo[] = [];

beforeAll(() => {
  spawns = recordSpawns(['git']);
});
afterAll(() => {
  spawns.dispose();
  for (const r of repos.splice(0)) r.dispose();
});

/** A committed repository holding `files` (and the policy). */
function repoWith(files: Record<string, string>): TempRepo {
  const r = new TempRepo({ 'slipway.yaml': POLICY, ...files });
  repos.push(r);
  r.commit('hostile');
  return r;
}

/** `slipway …` with the git recorder first on PATH (and `env` added); the calls are fresh. */
async function run(args: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  spawns.clear();
  const res = await slipwayAsync(args, { cwd, env: spawns.env({ ...process.env, ...env }) });
  return { ...res, calls: spawns.calls() };
}

const findings = (stdout: string): Reported[] => (JSON.parse(stdout) as { findings: Reported[] }).findings;
const gitDirOf = (r: TempRepo) => join(realpathSync(r.dir), '.git');

describe('a committed folder shaped like a bare repository never becomes git’s repository', () => {
  let r: TempRepo;
  beforeAll(() => {
    m = marker();
    r = repoWith({ ...bareShapedFolder('evil', m.command), 'evil/db/0001.sql': DROP });
  });
  afterAll(() => m.dispose());

  it('check run inside it: its fsmonitor and hooks never run, and every git names the real .git', async () => {
    const res = await run(['check', '--tree', '--format', 'json'], join(r.dir, 'evil'));
    expect(m.ran()).toBe(false);
    expectHardened(res.calls, gitDirOf(r));
    expect([0, 1], res.stderr).toContain(res.code);
  });

  it('near miss: check run inside it still reports the findings of the files in it', async () => {
    const res = await run(['check', '--tree', '--format', 'json'], join(r.dir, 'evil'));
    expect(res.code, res.stderr).toBe(1);
    expect(findings(res.stdout)).toContainEqual(
      expect.objectContaining({ rule: 'MIG001', file: 'evil/db/0001.sql' }),
    );
  });

  it('check --repo naming it: nothing runs, git is given the enclosing repository', async () => {
    const res = await run(['check', '--tree', '--format', 'json', '--repo', 'evil'], r.dir);
    expect(m.ran()).toBe(false);
    expectHardened(res.calls, gitDirOf(r));
    expect(res.code, res.stderr).toBe(1);
  });

  it('near miss: check --repo naming an ordinary subfolder answers as from the top', async () => {
    const plain = repoWith({ 'services/db/0001.sql': DROP, 'services/app.py': 'x = 1\n' });
    const fromTop = await run(['check', '--tree', '--format', 'json'], plain.dir);
    const fromSub = await run(['check', '--tree', '--format', 'json', '--repo', 'services'], plain.dir);
    expect(fromSub.code, fromSub.stderr).toBe(1);
    expect(findings(fromSub.stdout)).toEqual(findings(fromTop.stdout));
    expectHardened(fromSub.calls, gitDirOf(plain));
  });
});

describe('outside any repository, a folder shaped like a bare repository is a plain folder', () => {
  let dir: string;
  beforeAll(() => {
    m = marker();
    // An unpacked download: no .git anywhere, the folder itself shaped like a git directory.
    dir = mkdtempSync(join(tmpdir(), 'slipway-download-'));
    for (const [path, text] of Object.entries({
      ...bareShapedFolder('', m.command),
      'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n',
      'db/0001.sql': DROP,
    })) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  });
  afterAll(() => {
    m.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('check in it runs nothing it names and never lets git take it for a repository', async () => {
    const res = await run(['check', '--tree', '--format', 'json'], dir);
    expect(m.ran()).toBe(false);
    // No repository: no --git-dir, and git may not look above the folder (nor take it for one).
    for (const call of expectHardened(res.calls)) expect(call.args.join(' ')).not.toContain('--git-dir=');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('near miss: its files are still checked, as any folder outside git is', async () => {
    const res = await run(['check', '--tree', '--format', 'json'], dir);
    expect(res.code, res.stderr).toBe(1);
    expect(findings(res.stdout)).toContainEqual(
      expect.objectContaining({ rule: 'MIG001', file: 'db/0001.sql' }),
    );
  });
});

describe('a real repository in a subfolder is its own repository (documented in ARCHITECTURE.md)', () => {
  it('near miss: a separate checkout inside the work tree (its own .git) is what check inside it reads', async () => {
    const outer = repoWith({ 'app.py': 'x = 1\n' });
    const inner = join(outer.dir, 'vendor/other');
    mkdirSync(inner, { recursive: true });
    const other = new TempRepo({ 'slipway.yaml': POLICY, 'db/0001.sql': DROP });
    repos.push(other);
    other.commit('other');
    outer.git('clone', '-q', other.dir, inner);
    const res = await run(['check', '--tree', '--format', 'json'], inner);
    expect(res.code, res.stderr).toBe(1);
    expect(findings(res.stdout)).toContainEqual(
      expect.objectContaining({ rule: 'MIG001', file: 'db/0001.sql' }),
    );
    expectHardened(res.calls, join(realpathSync(inner), '.git'));
  });

  it('near miss: a genuine submodule is read through the git directory its .git file names', async () => {
    const lib = new TempRepo({ 'slipway.yaml': POLICY, 'db/0001.sql': DROP });
    repos.push(lib);
    lib.commit('lib');
    const outer = repoWith({ 'app.py': 'x = 1\n' });
    outer.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib.dir, 'vendor/lib');
    outer.commit('submodule');
    const res = await run(['check', '--tree', '--format', 'json'], join(outer.dir, 'vendor/lib'));
    expect(res.code, res.stderr).toBe(1);
    expect(findings(res.stdout)).toContainEqual(
      expect.objectContaining({ rule: 'MIG001', file: 'db/0001.sql' }),
    );
    expectHardened(res.calls, join(realpathSync(outer.dir), '.git/modules/vendor/lib'));
  });
});

describe('GIT_* variables in the environment never redirect Slipway’s git', () => {
  let r: TempRepo;
  let emptyIndex: string;
  beforeAll(() => {
    m = marker();
    r = repoWith({ ...bareShapedFolder('evil', m.command), 'db/0001.sql': DROP });
    // An index that lists nothing: read through GIT_INDEX_FILE, the migration would go unseen.
    emptyIndex = join(mkdtempSync(join(tmpdir(), 'slipway-index-')), 'index');
    r.git('read-tree', '--empty', `--index-output=${emptyIndex}`);
  });
  afterAll(() => m.dispose());

  const hostileEnv = () => ({
    GIT_DIR: join(r.dir, 'evil'),
    GIT_WORK_TREE: join(r.dir, 'evil'),
    GIT_INDEX_FILE: emptyIndex,
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'core.fsmonitor',
    GIT_CONFIG_VALUE_0: m.command,
    GIT_EXEC_PATH: join(r.dir, 'evil'),
  });

  it('GIT_DIR, GIT_INDEX_FILE, GIT_CONFIG_* and GIT_EXEC_PATH: nothing runs and no file is hidden', async () => {
    const res = await run(['check', '--tree', '--format', 'json'], r.dir, hostileEnv());
    expect(m.ran()).toBe(false);
    expectHardened(res.calls, gitDirOf(r));
    expect(res.code, res.stderr).toBe(1);
    expect(findings(res.stdout)).toContainEqual(
      expect.objectContaining({ rule: 'MIG001', file: 'db/0001.sql' }),
    );
  });

  it('near miss: without them, the same findings', async () => {
    const plain = await run(['check', '--tree', '--format', 'json'], r.dir);
    const hostile = await run(['check', '--tree', '--format', 'json'], r.dir, hostileEnv());
    expect(findings(hostile.stdout)).toEqual(findings(plain.stdout));
  });
});

describe('a textconv the repository’s config names never runs when Slipway blames a line', () => {
  let r: TempRepo;
  beforeAll(() => {
    m = marker();
    r = repoWith({
      'db/0001.sql': 'DROP TABLE t; -- slipway: allow MIG001 -- the table is empty since 2024\n',
      '.gitattributes': '*.sql diff=evil filter=evil\n',
    });
    // A repository-level config that is not the user's (a folder unpacked with its .git): the
    // driver the committed .gitattributes names runs the attacker's command.
    r.git('config', 'diff.evil.textconv', `sh -c "${m.command}; cat \\"\\$1\\"" textconv`);
    r.git('config', 'diff.external', m.command);
  });
  afterAll(() => m.dispose());

  it('waivers (which blames each waiver’s line for its date) runs no textconv', async () => {
    const res = await run(['waivers', '--format', 'json'], r.dir);
    expect(m.ran()).toBe(false);
    expectHardened(res.calls, gitDirOf(r));
    const blame = res.calls.find((c) => c.args.includes('blame'));
    expect(blame?.args).toContain('--no-textconv');
  });

  it('near miss: the waiver is still listed with the date its line was committed', async () => {
    const res = await run(['waivers', '--format', 'json'], r.dir);
    expect(res.code, res.stderr).toBe(0);
    const year = String(new Date().getFullYear());
    expect(res.stdout).toContain('the table is empty since 2024');
    expect(res.stdout).toContain(year);
    // The driver is live: git's own blame, as a user runs it, does run it.
    r.git('blame', '--', 'db/0001.sql');
    expect(m.ran()).toBe(true);
  });
});

describe('hooks never run in a git Slipway starts, its own commits included', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    m = marker();
    f = await new DeployFixture().start();
    // husky's layout: the clone's config points hooks at a committed folder an agent's branch edits.
    const hooks = ['pre-commit', 'commit-msg', 'post-commit', 'reference-transaction', 'post-index-change'];
    for (const hook of hooks) {
      const path = join(f.repo.dir, '.husky', hook);
      mkdirSync(join(f.repo.dir, '.husky'), { recursive: true });
      writeFileSync(path, `#!/bin/sh\n${m.command}\n`);
      chmodSync(path, 0o755);
    }
    f.repo.commit('husky hooks');
    f.repo.git('config', 'core.hooksPath', '.husky');
  });
  afterAll(async () => {
    await f.dispose();
    m.dispose();
  });

  const OPERATOR = { GIT_AUTHOR_NAME: 'Grace Operator', GIT_AUTHOR_EMAIL: 'grace@example.com' };

  it('promote commits the record, and none of the repository’s hooks runs', async () => {
    expect((await f.cli('promote', '--env', 'staging')).code).toBe(0);
    spawns.clear();
    const res = await runCliProcess(
      ['promote', '--env', 'production', '--yes', '--approved-by', 'Ada', '--commit'],
      {
        cwd: f.repo.dir,
        env: spawns.env({ ...process.env, ...f.env, ...OPERATOR }),
      },
    );
    expect(res.code, res.stderr).toBe(0);
    expect(f.repo.git('log', '-1', '--format=%B')).toContain('Slipway-Event:');
    expect(m.ran()).toBe(false);
    expectHardened(spawns.calls(), join(realpathSync(f.repo.dir), '.git'));
  });

  it('near miss: that commit carries the user’s GIT_AUTHOR_NAME, and the user’s own git commit runs the hooks', () => {
    expect(f.repo.git('log', '-1', '--format=%an <%ae>').trim()).toBe('Grace Operator <grace@example.com>');
    f.repo.write({ 'app.txt': 'v2\n' });
    f.repo.commit('by hand');
    expect(m.ran()).toBe(true);
  });
});
