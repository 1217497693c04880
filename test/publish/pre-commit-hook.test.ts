import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PYTHON } from '../helpers/python.js';
import { mustRun, runProcess } from '../helpers/run-process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
};

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/**
 * The hooks as pre-commit users get them: the real `pre-commit` (Debian's or the Python
 * registry's, whichever scripts/ensure-prerequisites.sh provided; test/helpers/python.ts finds
 * it) installs this repository's root package (what its `files` publish: package.json, the
 * postinstall and .pre-commit-hooks.yaml) and the CLI it names, then runs the hook on
 * `git commit`. The CLI comes from its packed tarball here (it is not on the registry from a
 * test), through the config's own `additional_dependencies`.
 */
describe('the pre-commit hooks', () => {
  let work: string;
  let hookRepo: string;
  let target: string;
  let rev: string;
  let tarball: string;
  const env = () => ({ ...process.env, ...GIT_ENV, PRE_COMMIT_HOME: join(work, 'pre-commit-home') });
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, env: env(), encoding: 'utf8' }).trim();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'slipway-pre-commit-'));
    await mustRun('npm', ['pack', '--silent', '--pack-destination', work], {
      cwd: join(root, 'packages/cli'),
    });
    tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) as string);
    // The hook repository: this repository's root package, as npm takes it from a clone.
    hookRepo = join(work, 'hooks');
    for (const file of ['package.json', '.pre-commit-hooks.yaml', 'scripts/postinstall.mjs']) {
      mkdirSync(dirname(join(hookRepo, file)), { recursive: true });
      copyFileSync(join(root, file), join(hookRepo, file));
    }
    git(hookRepo, 'init', '-q', '-b', 'main');
    git(hookRepo, 'add', '-A');
    git(hookRepo, 'commit', '-qm', 'hooks');
    rev = git(hookRepo, 'rev-parse', 'HEAD');

    target = join(work, 'app');
    write(target, {
      'slipway.yaml':
        'version: 1\nproduction_branch: main\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n',
      'requirements.txt': 'requests==2.31.0\n',
      'requirements.lock': 'requests==2.31.0\n',
      '.pre-commit-config.yaml': [
        'repos:',
        `  - repo: ${hookRepo}`,
        `    rev: ${rev}`,
        '    hooks:',
        '      - id: slipway',
        `        additional_dependencies: [${JSON.stringify(tarball)}]`,
        '',
      ].join('\n'),
    });
    git(target, 'init', '-q', '-b', 'main');
    git(target, 'add', '-A');
    git(target, 'commit', '-qm', 'app');
    await mustRun(PYTHON, ['-m', 'pre_commit', 'install'], { cwd: target, env: env() });
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // The first commit runs the hook, which has pre-commit install its environment: minutes, maybe.
  const commit = (message: string) =>
    runProcess('git', ['commit', '-m', message], { cwd: target, env: env() });

  it('fails a commit that unpins a dependency, printing the finding', async () => {
    write(target, { 'requirements.txt': 'requests>=2.31\n' });
    git(target, 'add', 'requirements.txt');
    const r = await commit('loosen requests');
    expect(r.code, r.stdout + r.stderr).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/slipway check\.+Failed/);
    expect(r.stdout + r.stderr).toMatch(/requirements\.txt:1:\d+: error DEP001/);
    expect(git(target, 'log', '--format=%s', '-1')).toBe('app');
  }, 240_000);

  it('near miss: a pinned upgrade with its lock commits', async () => {
    write(target, { 'requirements.txt': 'requests==2.32.3\n', 'requirements.lock': 'requests==2.32.3\n' });
    git(target, 'add', 'requirements.txt', 'requirements.lock');
    const r = await commit('upgrade requests');
    expect(r.stdout + r.stderr).toMatch(/slipway check\.+Passed/);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(git(target, 'log', '--format=%s', '-1')).toBe('upgrade requests');
  }, 240_000);
});
