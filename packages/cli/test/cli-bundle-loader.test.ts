import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TempRepo } from '../../../test/helpers/git-repo.js';
import { copiedCli } from './helpers/copied-cli.js';

// The CLI's scripts run with V8's code cache (src/cli-bundle-loader.ts), on a copy of the build.
// The agent gate's own script and its chunks: hook-script-cache.test.ts.
const cli = copiedCli();
const { slipway, slipwayWith, check } = cli;
const cacheFiles = () => cli.cacheFiles();

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
          [join(cli.dist, 'slipway.mjs'), 'promote', '--env', 'production', '--dry-run'],
          { cwd: r.dir, env: { ...process.env, SLIPWAY_TRACE_LOAD: '1' }, encoding: 'utf8' },
        );
        const [trace, ...rest] = run.stderr.split('\n');
        return { trace, stderr: rest.join('\n'), stdout: run.stdout };
      };
      const header = () => {
        const [name] = cacheFiles();
        const bytes = readFileSync(join(cli.dist, '.code-cache', name as string));
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
    writeFileSync(join(cli.dist, '.code-cache', name as string), Buffer.alloc(4096, 7));
    const spoilt = check();
    expect(spoilt.trace).toBe('slipway: code cache rejected');
    expect(spoilt.stdout).toBe(clean.stdout);
    expect(spoilt.code).toBe(clean.code);
    expect(check().trace).toBe('slipway: code cache used');
  });

  it("drops the command's caches of other builds when it writes its own; other commands' stay", () => {
    mkdirSync(join(cli.dist, '.code-cache'));
    const stale = `check.0123456789abcdef-${process.version}-${process.arch}.bin`;
    const other = `explain.0123456789abcdef-${process.version}-${process.arch}.bin`;
    writeFileSync(join(cli.dist, '.code-cache', stale), 'an older build');
    writeFileSync(join(cli.dist, '.code-cache', other), 'an older build');
    expect(check().trace).toBe('slipway: code cache absent');
    expect(cacheFiles()).not.toContain(stale);
    expect(cacheFiles()).toContain(other);
    expect(cacheFiles().filter((f) => f.startsWith('check.'))).toHaveLength(1);
    // A chunk's name is a hash of its text: the cache of a chunk no longer beside the script goes
    // when the gate writes its chunks' caches; one whose chunk is there stays.
    const gone = `chunk-slipway-hook-AAAAAAAA.chunk-1-2-${process.version}-${process.arch}.bin`;
    writeFileSync(join(cli.dist, '.code-cache', gone), 'an older build');
    const call = {
      session_id: 's',
      cwd: cli.repo.dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'Write',
      tool_input: { file_path: join(cli.repo.dir, 'docs/a.md'), content: 'a\n' },
    };
    expect(slipwayWith(JSON.stringify(call), 'hook', 'claude').code).toBe(0);
    expect(cacheFiles()).not.toContain(gone);
    expect(cacheFiles().filter((f) => f.startsWith('chunk-')).length).toBeGreaterThan(3);
    expect(cacheFiles()).toContain(other);
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
    writeFileSync(join(cli.dist, '.code-cache'), 'not a folder');
    const r = check();
    expect(r.trace).toBe('slipway: code cache absent');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(['PATH001']);
    expect(check().trace).toBe('slipway: code cache absent');
    rmSync(join(cli.dist, '.code-cache'));
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
    const script = join(cli.dist, 'slipway-cli.cjs');
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
