import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { TempRepo } from '../../../../test/helpers/git-repo.js';

/**
 * The built CLI (entry, scripts, chunks, worker), copied so that its code cache can be removed,
 * spoilt and blocked without touching the dist/ other tests run; its node_modules linked beside
 * it, so that the packages the script requires resolve as they do from dist/. With a repository
 * to run it in (a protected path, a .sql migration, a branch with a change) and no cache before
 * each test. Call at a test file's top level.
 */
export function copiedCli() {
  const cliDir = fileURLToPath(new URL('../..', import.meta.url));
  const state: { dist: string; repo: TempRepo } = { dist: '', repo: undefined as unknown as TempRepo };
  beforeAll(() => {
    state.dist = mkdtempSync(join(tmpdir(), 'slipway-cli-copy-'));
    for (const f of [
      'slipway.mjs',
      'slipway-cli.cjs',
      'slipway-cli.cjs.map',
      'slipway-hook.cjs',
      'slipway-metrics.cjs',
      'slipway-sh.cjs',
      'slipway-worker.mjs',
    ])
      copyFileSync(join(cliDir, 'dist', f), join(state.dist, f));
    // The agent gate's chunks (scripts/build-cli.mjs splits its script), which it requires by name.
    cpSync(join(cliDir, 'dist', 'chunks'), join(state.dist, 'chunks'), { recursive: true });
    symlinkSync(join(cliDir, 'node_modules'), join(state.dist, 'node_modules'));
    state.repo = new TempRepo({
      'slipway.yaml':
        'version: 1\nprotected:\n  label: core\n  paths: [core/]\nmigrations:\n  sql: ["db/*.sql"]\n',
      'core/a.txt': 'a\n',
      'db/001_add.sql': 'ALTER TABLE accounts ADD COLUMN note text;\n',
    });
    state.repo.commit('base');
    state.repo.git('checkout', '-q', '-b', 'feature/x');
    state.repo.write({ 'core/b.txt': 'b\n' }).commit('change');
  });
  afterAll(() => {
    rmSync(state.dist, { recursive: true, force: true });
    state.repo.dispose();
  });
  beforeEach(() => rmSync(join(state.dist, '.code-cache'), { recursive: true, force: true }));

  /** The copy run in the repository with `input` on stdin, its load traced (the first line apart). */
  function slipwayWith(input: string | undefined, ...args: string[]) {
    const r = spawnSync(process.execPath, [join(state.dist, 'slipway.mjs'), ...args], {
      cwd: state.repo.dir,
      input,
      env: { ...process.env, SLIPWAY_TRACE_LOAD: '1', GITHUB_EVENT_PATH: '', GITHUB_HEAD_REF: '' },
      encoding: 'utf8',
    });
    const [trace, ...rest] = r.stderr.split('\n');
    return { code: r.status, trace, stderr: rest.join('\n'), stdout: r.stdout };
  }
  return {
    get dist() {
      return state.dist;
    },
    get repo() {
      return state.repo;
    },
    slipwayWith,
    slipway: (...args: string[]) => slipwayWith(undefined, ...args),
    check: () => slipwayWith(undefined, 'check', '--base', 'main', '--format', 'json'),
    /** The cache files, sorted. */
    cacheFiles(): string[] {
      try {
        return readdirSync(join(state.dist, '.code-cache')).sort();
      } catch {
        return [];
      }
    },
  };
}
