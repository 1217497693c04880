import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mustRun } from '../helpers/run-process.js';

const cliDir = fileURLToPath(new URL('../../packages/cli', import.meta.url));
const example = fileURLToPath(new URL('../../examples/mayassistant', import.meta.url));
const MB = 1024 * 1024;

/** Bytes under a directory (what `du --apparent-size` counts), links not followed. */
function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += sizeOf(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

const npm = (args: string[], cwd: string) =>
  mustRun('npm', ['--no-audit', '--no-fund', '--loglevel=error', ...args], { cwd });

/** A git repository outside this one, holding `files`. */
function repoWith(dir: string, files: Record<string, string> | string): string {
  if (typeof files === 'string') cpSync(files, dir, { recursive: true });
  else
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'init');
  return dir;
}

/**
 * The published CLI as a user gets it: the tarball `npm pack` makes, installed from that file
 * alone (its dependencies from the registry), run on repositories outside this one.
 */
describe('the @slipway/cli tarball', () => {
  let work: string;
  let tarball: string;

  // A chunk an earlier layout left, written a moment ago: a build keeps such a file a few minutes
  // (a CLI started before it may load it), but the package's prepack removes it. And a code cache
  // runs write beside the bundle (cli-bundle-loader.ts): this machine's, never shipped.
  const leftOver = join(cliDir, 'dist/chunks/left-by-an-earlier-build.mjs');
  const codeCache = join(cliDir, 'dist/.code-cache/check.0123456789abcdef-v20.0.0-x64.bin');

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'slipway-cli-pack-'));
    mkdirSync(dirname(leftOver), { recursive: true });
    writeFileSync(leftOver, 'export const stale = true;\n');
    mkdirSync(dirname(codeCache), { recursive: true });
    writeFileSync(codeCache, 'not for the package');
    await npm(['pack', '--silent', '--pack-destination', work], cliDir);
    tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) as string);
  }, 120_000);
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(leftOver, { force: true });
    rmSync(codeCache, { force: true });
  });

  it('ships the entry, the scripts it runs and the worker, and nothing an earlier build or a run left', () => {
    expect(existsSync(leftOver)).toBe(false);
    const shipped = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter((f) => f.startsWith('package/dist/'))
      .sort();
    // The agent gate's chunks (its script is split where its modules load): those it requires, all
    // of them, and nothing else in the folder.
    const chunks = shipped.filter((f) => f.startsWith('package/dist/chunks/'));
    const required = (file: string) =>
      [
        ...execFileSync('tar', ['xzf', tarball, '-O', file], { encoding: 'utf8' }).matchAll(
          /require\("\.\.?\/(?:chunks\/)?(slipway-hook-[A-Z0-9]+\.cjs)"\)/g,
        ),
      ].map((m) => `package/dist/chunks/${m[1]}`);
    const reached = new Set(required('package/dist/slipway-hook.cjs'));
    for (const c of reached) for (const next of required(c)) reached.add(next);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks).toEqual([...reached].sort());
    expect(shipped.filter((f) => !f.startsWith('package/dist/chunks/'))).toEqual([
      'package/dist/slipway-cli.cjs',
      'package/dist/slipway-hook.cjs',
      'package/dist/slipway-metrics.cjs',
      'package/dist/slipway-sh.cjs',
      'package/dist/slipway-worker.mjs',
      'package/dist/slipway.mjs',
    ]);
    // The entry loads the scripts by their names beside it, and the worker is started the same way.
    const bin = execFileSync('tar', ['xzf', tarball, '-O', 'package/dist/slipway.mjs'], { encoding: 'utf8' });
    expect(bin).toContain('slipway-cli.cjs');
    expect(bin).toContain('slipway-hook.cjs');
    expect(bin).toContain('slipway-metrics.cjs');
    expect(bin).toContain('slipway-worker.mjs');
  });

  it('holds only what runs: the bundle with its shebang, no maps, sources or workspace dependencies', () => {
    expect(statSync(tarball).size).toBeLessThan(5 * MB);
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    expect(files).toContain('package/dist/slipway.mjs');
    // `check --jobs` starts worker threads on this file, beside the entry point.
    expect(files).toContain('package/dist/slipway-worker.mjs');
    expect(
      files.filter(
        (f) => !/^package\/(dist\/(chunks\/)?[\w-]+\.(mjs|cjs)|package\.json|README\.md|LICENSE)$/.test(f),
      ),
    ).toEqual([]);
    const manifest = JSON.parse(
      execFileSync('tar', ['xzf', tarball, '-O', 'package/package.json'], { encoding: 'utf8' }),
    ) as Record<string, Record<string, string> | undefined>;
    const runtime = { ...manifest.dependencies, ...manifest.optionalDependencies };
    expect(Object.keys(runtime).filter((name) => name.startsWith('@slipway/'))).toEqual([]);
    expect(Object.values(runtime).filter((v) => v.startsWith('workspace:'))).toEqual([]);
    expect(Object.keys(manifest.optionalDependencies ?? {})).toEqual([
      '@electric-sql/pglite',
      'knex',
      'kysely',
    ]);
    const bin = execFileSync('tar', ['xzf', tarball, '-O', 'package/dist/slipway.mjs'], { encoding: 'utf8' });
    expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('installs globally from the tarball and checks a copy of an example outside the repository', async () => {
    const prefix = join(work, 'global');
    await npm(['install', '-g', '--prefix', prefix, tarball], work);
    // With the optional embedded PostgreSQL: npm installs it for -g even when told to omit it; and
    // the optional renderers trace asks for a Knex or Kysely migration's SQL (Kysely's package is
    // about 4 MB of ESM, CommonJS and type files: 41 MB in all when it was added).
    expect(sizeOf(prefix)).toBeLessThan(45 * MB);
    const slipway = join(prefix, 'bin', 'slipway');
    const version = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')).version as string;
    expect(execFileSync(slipway, ['--version'], { encoding: 'utf8' }).trim()).toBe(`slipway ${version}`);
    const repo = repoWith(join(work, 'mayassistant'), example);
    const r = spawnSync(slipway, ['check', '--tree', '--format', 'json'], { cwd: repo, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { findings: { rule: string }[]; summary: unknown };
    // The example's record names a commit this fresh copy's history lacks: exactly that, exit 1.
    expect(report.findings.map((f) => f.rule)).toEqual(['REC004']);
    expect(r.status).toBe(1);
    // The first run wrote the code cache beside the installed script; the second runs from it.
    const again = spawnSync(slipway, ['check', '--tree', '--format', 'json'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, SLIPWAY_TRACE_LOAD: '1' },
    });
    expect(again.stderr).toBe('slipway: code cache used\n');
    expect(again.stdout).toBe(r.stdout);
    // The agent gate runs from its own script, and reads a shell command with the shell parser's.
    const call = (command: string) =>
      JSON.stringify({
        session_id: 's',
        cwd: repo,
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: { command },
      });
    const hook = spawnSync(slipway, ['hook', 'claude'], {
      cwd: repo,
      input: call('rm -rf .github && echo done'),
      encoding: 'utf8',
      env: { ...process.env, SLIPWAY_TRACE_LOAD: '1' },
    });
    // Its chunks (beside the script, in dist/chunks/) each say that no cache of theirs was there yet.
    const lines = hook.stderr.split('\n');
    expect(lines.filter((l) => / \(chunk slipway-hook-[A-Z0-9]+\) absent$/.test(l)).length).toBeGreaterThan(
      5,
    );
    const [cache, shellCache, ...refusal] = lines.filter((l) => !l.includes(' (chunk '));
    expect([cache, shellCache]).toEqual([
      'slipway: code cache absent',
      'slipway: code cache (shell parser) absent',
    ]);
    expect(refusal.join('\n')).toContain('Slipway refused this tool call. [PATH002] .github:');
    expect(hook.status).toBe(2);
  }, 180_000);

  it('installs without the optional dependency into a project: under 10 MB, and says what trace needs', async () => {
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "private": true }\n');
    await npm(['install', '--omit=optional', tarball], project);
    expect(sizeOf(join(project, 'node_modules'))).toBeLessThan(10 * MB);
    const slipway = join(project, 'node_modules', '.bin', 'slipway');
    const repo = repoWith(join(work, 'sql-repo'), {
      'slipway.yaml': 'version: 1\nmigrations:\n  sql: [db/]\n',
      'db/001_add_column.sql': 'ALTER TABLE accounts ADD COLUMN note text;\n',
    });
    // As on a user's machine: without the NODE_PATH `pnpm exec` sets (this workspace's packages,
    // PGlite among them), where `require` would look after the install's own node_modules.
    const { NODE_PATH: _, ...env } = process.env;
    const check = spawnSync(slipway, ['check', '--tree'], { cwd: repo, encoding: 'utf8', env });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const trace = spawnSync(slipway, ['trace', 'db/001_add_column.sql'], {
      cwd: repo,
      encoding: 'utf8',
      env,
    });
    expect(trace.stderr.trim().split('\n')).toEqual([
      'slipway trace: slipway trace needs the embedded PostgreSQL, @electric-sql/pglite, an optional dependency this install left out; install it beside slipway (npm install -g @electric-sql/pglite)',
    ]);
    expect(trace.status).toBe(2);
  }, 180_000);
});
