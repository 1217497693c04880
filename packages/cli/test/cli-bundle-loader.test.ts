import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../../../test/helpers/git-repo.js';

// The built CLI (entry, scripts, worker), copied so that its code cache can be removed, spoilt and
// blocked without touching the dist/ other tests run; its node_modules linked beside it, so that
// the packages the script requires resolve as they do from dist/.
const cliDir = fileURLToPath(new URL('..', import.meta.url));
let dist: string;
let repo: TempRepo;

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'slipway-cli-copy-'));
  for (const f of [
    'slipway.mjs',
    'slipway-cli.cjs',
    'slipway-cli.cjs.map',
    'slipway-hook.cjs',
    'slipway-metrics.cjs',
    'slipway-sh.cjs',
    'slipway-worker.mjs',
  ])
    copyFileSync(join(cliDir, 'dist', f), join(dist, f));
  symlinkSync(join(cliDir, 'node_modules'), join(dist, 'node_modules'));
  repo = new TempRepo({
    'slipway.yaml':
      'version: 1\nprotected:\n  label: core\n  paths: [core/]\nmigrations:\n  sql: ["db/*.sql"]\n',
    'core/a.txt': 'a\n',
    'db/001_add.sql': 'ALTER TABLE accounts ADD COLUMN note text;\n',
  });
  repo.commit('base');
  repo.git('checkout', '-q', '-b', 'feature/x');
  repo.write({ 'core/b.txt': 'b\n' }).commit('change');
});

afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
  repo.dispose();
});

beforeEach(() => rmSync(join(dist, '.code-cache'), { recursive: true, force: true }));

function slipway(...args: string[]) {
  return slipwayWith(undefined, ...args);
}

function slipwayWith(input: string | undefined, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(dist, 'slipway.mjs'), ...args], {
    cwd: repo.dir,
    input,
    env: { ...process.env, SLIPWAY_TRACE_LOAD: '1', GITHUB_EVENT_PATH: '', GITHUB_HEAD_REF: '' },
    encoding: 'utf8',
  });
  const [trace, ...rest] = r.stderr.split('\n');
  return { code: r.status, trace, stderr: rest.join('\n'), stdout: r.stdout };
}

const check = () => slipway('check', '--base', 'main', '--format', 'json');
const cacheFiles = () => {
  try {
    return readdirSync(join(dist, '.code-cache')).sort();
  } catch {
    return [];
  }
};

describe("the CLI's script bundle and its code cache", () => {
  it('compiles without a cache, writes one at exit, and uses it on the next run with the same report', () => {
    const first = check();
    expect(first.trace).toBe('slipway: code cache absent');
    expect(JSON.parse(first.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(['PATH001']);
    expect(cacheFiles()).toEqual([
      expect.stringMatching(
        new RegExp(`^check\\.[0-9a-f]{16}-\\d+-\\d+-${process.version}-${process.arch}\\.bin$`),
      ),
    ]);
    const second = check();
    expect(second.trace).toBe('slipway: code cache used');
    expect(second).toEqual({ ...first, trace: 'slipway: code cache used' });
    // One cache per command: another command writes its own, and leaves check's alone.
    expect(slipway('explain', 'PR001').trace).toBe('slipway: code cache absent');
    expect(cacheFiles().map((f) => f.split('.')[0])).toEqual(['check', 'explain']);
  });

  it("runs the agent gate from its own script, and a shell command's parser from a third, each cached", () => {
    const call = JSON.stringify({
      session_id: 's',
      cwd: repo.dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'echo x > core/c.txt' },
    });
    const first = slipwayWith(call, 'hook', 'claude');
    expect([first.trace, first.stderr]).toEqual([
      'slipway: code cache absent',
      'slipway: code cache (shell parser) absent\n',
    ]);
    expect(JSON.parse(first.stdout).hookSpecificOutput.permissionDecision).toBe('ask');
    const hookScript = statSync(join(dist, 'slipway-hook.cjs')).size;
    const shellScript = statSync(join(dist, 'slipway-sh.cjs')).size;
    expect(cacheFiles()).toEqual([
      expect.stringMatching(new RegExp(`^hook\\.[0-9a-f]{16}-${hookScript}-\\d+-`)),
      expect.stringMatching(new RegExp(`^shell-parser\\.[0-9a-f]{16}-${shellScript}-\\d+-`)),
    ]);
    const second = slipwayWith(call, 'hook', 'claude');
    expect([second.trace, second.stderr]).toEqual([
      'slipway: code cache used',
      'slipway: code cache (shell parser) used\n',
    ]);
    expect(second.stdout).toBe(first.stdout);
    // A check loads neither (it reads no shell command): only its own cache is added.
    expect(check().trace).toBe('slipway: code cache absent');
    expect(cacheFiles().map((f) => f.split('.')[0])).toEqual(['check', 'hook', 'shell-parser']);
  });

  it("widens the gate's cache when a call reaches what the call that wrote it did not, and only then", () => {
    const call = (tool_name: string, tool_input: Record<string, string>) =>
      JSON.stringify({
        session_id: 's',
        cwd: repo.dir,
        hook_event_name: 'PreToolUse',
        tool_name,
        tool_input,
      });
    const readOnly = call('Bash', { command: 'git log --oneline -3' });
    const write = call('Write', { file_path: join(repo.dir, 'docs/new.md'), content: '# New\n' });
    const sqlWrite = call('Write', { file_path: join(repo.dir, 'db/002_add.sql'), content: 'SELECT 1;\n' });
    const header = () => {
      const [name] = cacheFiles();
      const bytes = readFileSync(join(dist, '.code-cache', name as string));
      return bytes.toString('latin1', 0, bytes.indexOf(0x0a));
    };
    // An agent's first call is read-only: answered without the engine, its cache holds no engine.
    expect(slipwayWith(readOnly, 'hook', 'claude').trace).toBe('slipway: code cache absent');
    expect(header()).toBe('slipway-code-cache');
    const size = () => statSync(join(dist, '.code-cache', cacheFiles()[0] as string)).size;
    const small = size();
    // The first judged call compiles the engine and writes it in.
    const judged = slipwayWith(write, 'hook', 'claude');
    expect([judged.code, judged.trace, judged.stderr]).toEqual([
      0,
      'slipway: code cache used',
      'slipway: code cache widened\n',
    ]);
    expect(header()).toBe('slipway-code-cache judged');
    expect(size()).toBeGreaterThan(small * 1.5);
    // Another such call, and a read-only one, find what they need: nothing is written again.
    for (const again of [write, readOnly]) {
      const r = slipwayWith(again, 'hook', 'claude');
      expect([r.trace, r.stderr]).toEqual(['slipway: code cache used', '']);
    }
    // A migration's rules were not in it either: they are compiled on such a call, and not written
    // in, since a wider cache costs the calls an agent makes most (a path-only write: 4% slower
    // with the migration family's code deserialised too).
    const sql = slipwayWith(sqlWrite, 'hook', 'claude');
    expect([sql.trace, sql.stderr]).toEqual(['slipway: code cache used', '']);
    expect(header()).toBe('slipway-code-cache judged');
  });

  it("widens promote's cache when a promote judges deploy windows that the one that wrote it did not", () => {
    const policy = (windows: string) =>
      'version: 1\ndeploy:\n  environments:\n    production:\n      url: http://127.0.0.1:9/\n' +
      `      deploy: [./deploy.sh]\n${windows}`;
    // A deny window of one hour a year: the check runs (open or not), which is what is marked.
    const windowed = policy(
      '  windows:\n    production:\n      timezone: Europe/London\n' +
        '      deny: [{ name: new year, cron: "0 0 1 1 *", duration: 1h }]\n',
    );
    const repos = [policy(''), windowed].map((text) => {
      const r = new TempRepo({ 'slipway.yaml': text, 'deploy.sh': '#!/bin/sh\n' });
      r.commit('base');
      return r;
    });
    const [plain, withWindows] = repos as [TempRepo, TempRepo];
    try {
      const promote = (r: TempRepo) => {
        const run = spawnSync(
          process.execPath,
          [join(dist, 'slipway.mjs'), 'promote', '--env', 'production', '--dry-run'],
          { cwd: r.dir, env: { ...process.env, SLIPWAY_TRACE_LOAD: '1' }, encoding: 'utf8' },
        );
        const [trace, ...rest] = run.stderr.split('\n');
        return { trace, stderr: rest.join('\n'), stdout: run.stdout };
      };
      const header = () => {
        const [name] = cacheFiles();
        const bytes = readFileSync(join(dist, '.code-cache', name as string));
        return bytes.toString('latin1', 0, bytes.indexOf(0x0a));
      };
      const first = promote(plain);
      expect(first.trace).toBe('slipway: code cache absent');
      expect(first.stdout).not.toMatch(/window:/);
      expect(header()).toBe('slipway-code-cache');
      const judged = promote(withWindows);
      expect(judged.stdout).toMatch(/^ {2}(ok {2}|FAIL) window: /m);
      expect([judged.trace, judged.stderr]).toEqual([
        'slipway: code cache used',
        'slipway: code cache widened\n',
      ]);
      expect(header()).toBe('slipway-code-cache windows');
      // Now either finds what it needs: nothing is written again.
      for (const r of [withWindows, plain]) expect(promote(r).stderr).toBe('');
    } finally {
      for (const r of repos) r.dispose();
    }
  });

  it('refuses a spoilt cache (V8 checks it), runs as without one, and writes a good one in its place', () => {
    const clean = check();
    const [name] = cacheFiles();
    writeFileSync(join(dist, '.code-cache', name as string), Buffer.alloc(4096, 7));
    const spoilt = check();
    expect(spoilt.trace).toBe('slipway: code cache rejected');
    expect(spoilt.stdout).toBe(clean.stdout);
    expect(spoilt.code).toBe(clean.code);
    expect(check().trace).toBe('slipway: code cache used');
  });

  it("drops the command's caches of other builds when it writes its own; other commands' stay", () => {
    mkdirSync(join(dist, '.code-cache'));
    const stale = `check.0123456789abcdef-${process.version}-${process.arch}.bin`;
    const other = `explain.0123456789abcdef-${process.version}-${process.arch}.bin`;
    writeFileSync(join(dist, '.code-cache', stale), 'an older build');
    writeFileSync(join(dist, '.code-cache', other), 'an older build');
    expect(check().trace).toBe('slipway: code cache absent');
    expect(cacheFiles()).not.toContain(stale);
    expect(cacheFiles()).toContain(other);
    expect(cacheFiles().filter((f) => f.startsWith('check.'))).toHaveLength(1);
  });

  it('writes no cache for a name that is no command (a typo); the version and the help have their own', () => {
    expect(slipway('chekc').code).toBe(2);
    expect(cacheFiles()).toEqual([]);
    const version = slipway('--version');
    expect(version.trace).toBe('slipway: code cache absent');
    expect([version.code, /^slipway \d/.test(version.stdout)]).toEqual([0, true]);
    expect(slipway('-V')).toEqual({ ...version, trace: 'slipway: code cache used' });
    expect(slipway('--help').trace).toBe('slipway: code cache absent');
    expect(slipway().trace).toBe('slipway: code cache used');
    expect(cacheFiles().map((f) => f.split('.')[0])).toEqual(['help', 'version']);
  });

  it('runs as without a cache where none can be written (the folder is a file)', () => {
    writeFileSync(join(dist, '.code-cache'), 'not a folder');
    const r = check();
    expect(r.trace).toBe('slipway: code cache absent');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(['PATH001']);
    expect(check().trace).toBe('slipway: code cache absent');
    rmSync(join(dist, '.code-cache'));
  });

  it('under --debug, loads through Node so that a stack trace names the TypeScript sources', () => {
    const r = slipway('check', '--base', 'no-such-ref', '--debug');
    // No code cache line: the bundle is not run through vm.Script.
    expect(r.trace).toBe('slipway check: base ref `no-such-ref` not found; fetch it or pass --base');
    expect(r.stderr).toMatch(/\/src\/[\w/-]+\.ts:\d+:\d+\)/);
    expect(r.code).toBe(2);
    expect(cacheFiles()).toEqual([]);
  });

  it('never runs a cache made for another script of the same length (V8 checks only the length)', () => {
    const script = join(dist, 'slipway-cli.cjs');
    const original = readFileSync(script, 'utf8');
    try {
      const before = check();
      expect(check().trace).toBe('slipway: code cache used');
      // The next build's script beside this build's entry (a build between the two renames):
      // the same length, another text, the entry's hash unchanged.
      const edited = original.replaceAll('is protected by pattern', 'is PROTECTED by pattern');
      expect(edited.length).toBe(original.length);
      expect(edited).not.toBe(original);
      writeFileSync(script, edited);
      const after = check();
      expect(after.trace).toBe('slipway: code cache absent');
      expect(after.stdout).toBe(
        before.stdout.replaceAll('is protected by pattern', 'is PROTECTED by pattern'),
      );
    } finally {
      writeFileSync(script, original);
    }
  });
});
