import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fencedBlocks, namedFile } from '../helpers/markdown-blocks.js';
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
 * The CLI's tarball as `npm pack` makes it in packages/cli: one for the file, which both blocks
 * install (each pack runs the CLI's prepack build again, 5 s of CPU).
 */
const packs = mkdtempSync(join(tmpdir(), 'slipway-pre-commit-pack-'));
let packed: Promise<string> | undefined;
function packCli(): Promise<string> {
  packed ??= mustRun('npm', ['pack', '--silent', '--pack-destination', packs], {
    cwd: join(root, 'packages/cli'),
  }).then(() => join(packs, readdirSync(packs).find((f) => f.endsWith('.tgz')) as string));
  return packed;
}
afterAll(() => rmSync(packs, { recursive: true, force: true }));

// A repository whose policy pairs a requirements file with its lock: unpinning fails DEP001.
const APP = {
  'slipway.yaml':
    'version: 1\nproduction_branch: main\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n',
  'requirements.txt': 'requests==2.31.0\n',
  'requirements.lock': 'requests==2.31.0\n',
};

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
    tarball = await packCli();
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
      ...APP,
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

/**
 * Without the registry, as docs/guides/deploy.md (and the README) tell it: the CLI installed
 * globally from its packed tarball with the documented `npm install -g ./slipway-cli-<v>.tgz`
 * (into a global prefix of its own here), and the guide's `repo: local` hook block, taken from the
 * page verbatim, as the repository's .pre-commit-config.yaml.
 */
describe('the repo: local pre-commit hook the deploy guide documents', () => {
  let work: string;
  let target: string;
  let path: string;
  const env = () => ({
    ...process.env,
    ...GIT_ENV,
    PATH: path,
    PRE_COMMIT_HOME: join(work, 'pre-commit-home'),
  });
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: target, env: env(), encoding: 'utf8' }).trim();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'slipway-pre-commit-local-'));
    const tarball = await packCli();
    const prefix = join(work, 'global');
    await mustRun('npm', ['install', '-g', '--no-audit', '--no-fund', `./${basename(tarball)}`], {
      cwd: dirname(tarball),
      env: { ...process.env, npm_config_prefix: prefix },
    });
    path = `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`;
    const guide = readFileSync(join(root, 'docs/guides/deploy.md'), 'utf8');
    const hook = fencedBlocks(guide).filter(
      (b) => namedFile(b) === '.pre-commit-config.yaml' && b.text.includes('repo: local'),
    );
    expect(hook).toHaveLength(1);
    // The tarball the guide tells to install is the one `npm pack` makes.
    expect(guide).toContain(`npm install -g ./${basename(tarball)}`);

    target = join(work, 'app');
    write(target, { ...APP, '.pre-commit-config.yaml': hook[0]?.text ?? '' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'app');
    await mustRun(PYTHON, ['-m', 'pre_commit', 'install'], { cwd: target, env: env() });
  }, 240_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const commit = (message: string) =>
    runProcess('git', ['commit', '-m', message], { cwd: target, env: env() });

  it('fails a commit that unpins a dependency, printing the finding', async () => {
    write(target, { 'requirements.txt': 'requests>=2.31\n' });
    git('add', 'requirements.txt');
    const r = await commit('loosen requests');
    expect(r.code, r.stdout + r.stderr).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/slipway check\.+Failed/);
    expect(r.stdout + r.stderr).toMatch(/requirements\.txt:1:\d+: error DEP001/);
    expect(git('log', '--format=%s', '-1')).toBe('app');
  }, 120_000);

  it('near miss: a pinned upgrade with its lock commits', async () => {
    write(target, { 'requirements.txt': 'requests==2.32.3\n', 'requirements.lock': 'requests==2.32.3\n' });
    git('add', 'requirements.txt', 'requirements.lock');
    const r = await commit('upgrade requests');
    expect(r.stdout + r.stderr).toMatch(/slipway check\.+Passed/);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(git('log', '--format=%s', '-1')).toBe('upgrade requests');
  }, 120_000);
});
