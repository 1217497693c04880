import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

/**
 * Issue 55, category 4, in the language server over stdio: a file the one reader refuses (a
 * committed link leaving the repository, a FIFO) is never shown as empty or absent without a
 * word. The policy file refused: POL001 on it naming the file and what to do, and one warning
 * message; a refused lock or migration: a finding on that file. Nothing from the outside file is
 * quoted. Near misses: a link that stays inside is read as the file it names. One server, one
 * workspace folder per repository.
 */

const SECRET = 'hunter2-never-in-the-editor';
const POLICY = `version: 1
protected:
  paths: [backend/core/]
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
migrations:
  sql: ["db/*.sql"]
`;
const DROP = 'DROP TABLE users;\n';
const NESTED = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n';
const LINK_OUT = /is a symbolic link that leads outside the repository; Slipway does not read it/;

describe('files the one reader refuses, in the editor', () => {
  const outside = mkdtempSync(join(tmpdir(), 'slipway-outside-'));
  const secretFile = join(outside, 'policy.yaml');
  const repos: FixtureRepo[] = [];
  let lsp: LspSession;
  /** The policy file a committed link to a file outside. */
  let policyOut: FixtureRepo;
  /** The lock a committed link to a file outside, a migration a FIFO. */
  let inputsOut: FixtureRepo;
  /** Near miss: the policy and the lock links that stay inside. */
  let inside: FixtureRepo;

  const repo = (files: Record<string, string>, links: Record<string, string>) => {
    const r = new FixtureRepo(files);
    for (const [path, target] of Object.entries(links)) {
      mkdirSync(dirname(join(r.dir, path)), { recursive: true });
      symlinkSync(target, join(r.dir, path));
    }
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'links');
    // Uncommitted: the change under review, which the editor checks.
    r.write({ 'db/002.sql': DROP });
    repos.push(r);
    return r;
  };
  const pull = (r: FixtureRepo, path: string) => lsp.pull(join(r.dir, path));
  const everything = () => JSON.stringify([lsp.messages, lsp.logs, lsp.statuses, lsp.published, lsp.stderr]);

  beforeAll(async () => {
    // A file outside the repository that is a valid policy: read, it would govern silently.
    writeFileSync(secretFile, `version: 1\n# ${SECRET}\n`);
    policyOut = repo({ 'README.md': '# app\n' }, { 'slipway.yaml': secretFile });
    inputsOut = repo(
      { 'slipway.yaml': POLICY, 'requirements.txt': 'x==1\n', 'db/003.sql': 'SELECT 1;\n' },
      { 'requirements.lock': secretFile },
    );
    // After the commit: a FIFO in place of a tracked migration, as a tampered checkout has it.
    rmSync(join(inputsOut.dir, 'db/003.sql'));
    execFileSync('mkfifo', [join(inputsOut.dir, 'db/003.sql')]);
    // The change under review adds a protected file that is a link to a file outside.
    mkdirSync(join(inputsOut.dir, 'backend/core'), { recursive: true });
    symlinkSync(secretFile, join(inputsOut.dir, 'backend/core/settings.py'));
    // ...and a .gitattributes linked to a file outside that would hide SQL from diffs.
    writeFileSync(join(outside, 'attributes'), `*.sql -diff\n# ${SECRET}\n`);
    symlinkSync(join(outside, 'attributes'), join(inputsOut.dir, '.gitattributes'));
    inside = repo(
      {
        'config/policy.yaml': POLICY,
        'requirements.txt': 'x==1\n',
        'deps/requirements.lock': 'x==1\n',
        'backend/core/app.py': 'x = 1\n',
        'services/web/slipway.yaml': NESTED,
      },
      {
        'slipway.yaml': 'config/policy.yaml',
        'requirements.lock': 'deps/requirements.lock',
        // Hostile beside the near misses: a nested policy linked to a file outside.
        'services/api/slipway.yaml': secretFile,
      },
    );
    inside.write({ 'services/web/db/001.sql': DROP, 'services/api/db/001.sql': DROP });
    symlinkSync('../../config/policy.yaml', join(inside.dir, 'backend/core/settings.py'));
    lsp = await LspSession.start(policyOut.dir, { moreFolders: [inputsOut.dir, inside.dir] });
  });
  afterAll(async () => {
    await lsp?.stop();
    for (const r of repos) r.remove();
    rmSync(outside, { recursive: true, force: true });
  });

  it('a policy file linked outside the repository: POL001 naming it and what to do, and a warning', async () => {
    const diags = await pull(policyOut, 'slipway.yaml');
    expect(diags.map((d) => d.code)).toEqual(['POL001']);
    expect(diags[0]?.message).toMatch(LINK_OUT);
    expect(diags[0]?.message).toMatch(/slipway\.yaml .*: commit the file itself in its place/);
    await lsp.waitFor(() => lsp.messages.some((m) => /slipway\.yaml/.test(m) && LINK_OUT.test(m)));
    const status = lsp.statuses.findLast((s) => s.root === policyOut.dir);
    expect(status?.kind).toBe('invalid-policy');
    // Not judged by the outside file: its DROP TABLE is not checked under a policy read from there.
    expect(await pull(policyOut, 'db/002.sql')).toEqual([]);
  });

  it('a lock linked outside and a migration that is a FIFO: each refused in a finding on it', async () => {
    const lock = await pull(inputsOut, 'requirements.lock');
    expect(lock.map((d) => d.message).join('\n')).toMatch(LINK_OUT);
    const fifo = await pull(inputsOut, 'db/003.sql');
    expect(fifo.map((d) => `${d.code} ${d.message}`)).toEqual([
      expect.stringMatching(/^MIG030 db\/003\.sql is a FIFO \(named pipe\); Slipway does not read it/),
    ]);
    // The rest of the repository is still checked.
    expect((await pull(inputsOut, 'db/002.sql')).map((d) => d.code)).toContain('MIG001');
  });

  it('any other file a rule read that was refused: a finding on it saying so (a protected file linked outside)', async () => {
    const diags = await pull(inputsOut, 'backend/core/settings.py');
    expect(diags.filter((d) => d.code === 'file-refused').map((d) => d.message)).toEqual([
      expect.stringMatching(
        /^backend\/core\/settings\.py is a symbolic link that leads outside .*: commit the file itself/,
      ),
    ]);
  });

  it('a .gitattributes linked to a file outside: refused on it, and the SQL it would hide still checked', async () => {
    const diags = await pull(inputsOut, '.gitattributes');
    expect(diags.find((d) => d.code === 'file-refused')?.message).toMatch(
      /^\.gitattributes is a symbolic link that leads outside the repository; Slipway does not read it/,
    );
    expect(diags.map((d) => d.code)).toContain('PATH004');
    expect((await pull(inputsOut, 'db/002.sql')).map((d) => d.code)).toContain('MIG001');
  });

  it('near miss: a policy and a lock linked inside the repository are read as the files they name', async () => {
    expect((await pull(inside, 'db/002.sql')).map((d) => d.code)).toContain('MIG001');
    expect(await pull(inside, 'slipway.yaml')).toEqual([]);
    const lock = await pull(inside, 'requirements.lock');
    expect(lock.map((d) => d.message).join('\n')).not.toMatch(/symbolic link|Slipway does not read/);
    expect(lsp.statuses.findLast((s) => s.root === inside.dir)?.kind).toBe('ok');
    const linked = await pull(inside, 'backend/core/settings.py');
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.map((d) => d.code)).not.toContain('file-refused');
  });

  it('a nested policy linked outside the repository: POL001 on it, its folder not judged by the outside file', async () => {
    const diags = await pull(inside, 'services/api/slipway.yaml');
    expect(diags.map((d) => `${d.code} ${d.message}`)).toEqual([
      // Named as the nested project names its files: relative to its folder.
      expect.stringMatching(/^POL001 invalid policy: slipway\.yaml is a symbolic link that leads outside/),
    ]);
    expect(await pull(inside, 'services/api/db/001.sql')).toEqual([]);
  });

  it('near miss: a nested policy that is a regular file governs its folder', async () => {
    expect((await pull(inside, 'services/web/db/001.sql')).map((d) => d.code)).toContain('MIG001');
  });

  it('nothing of the outside file reaches the editor', async () => {
    await lsp.pullWorkspace();
    expect(everything()).not.toContain(SECRET);
  });
});
