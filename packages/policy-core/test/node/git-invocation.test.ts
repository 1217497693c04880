import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitEnvironment, gitInvocation } from '../../src/node/git/git-invocation.js';
import { locateRepository } from '../../src/node/git/locate-repository.js';
import { cleanup, commit, git, initRepo, tempDir } from './git-fixture.js';

afterAll(cleanup);

/** The files that make a folder look like a git directory (all of them committable). */
function bareShaped(dir: string): void {
  mkdirSync(join(dir, 'objects/info'), { recursive: true });
  mkdirSync(join(dir, 'refs/heads'), { recursive: true });
  writeFileSync(join(dir, 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(dir, 'config'), '[core]\n\tworktree = .\n\tfsmonitor = "touch /nonexistent/x"\n');
}

describe('locateRepository (which repository every git Slipway starts is given)', () => {
  const repo = realpathSync(initRepo());
  commit(repo, { 'a/b.txt': 'x\n' }, 'first');
  const evil = join(repo, 'evil');
  bareShaped(evil);
  const sub = initRepo();
  commit(sub, { 'lib.py': 'pass\n' }, 'lib');
  git(repo, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'vendor/lib']);
  const moved = realpathSync(initRepo());
  git(moved, ['config', 'core.worktree', tempDir()]);

  it('a folder shaped like a bare repository is passed over: the enclosing repository is the answer', () => {
    expect(locateRepository(evil)).toEqual({ gitDir: join(repo, '.git'), workTree: repo });
    expect(locateRepository(join(evil, 'refs/heads'))).toEqual({
      gitDir: join(repo, '.git'),
      workTree: repo,
    });
  });

  it('near miss: a submodule is its own repository, through the git directory its .git file names', () => {
    expect(locateRepository(join(repo, 'vendor/lib'))).toEqual({
      gitDir: join(repo, '.git/modules/vendor/lib'),
      workTree: join(repo, 'vendor/lib'),
    });
  });

  it('a repository whose own config moves its work tree: the git directory only, git reads the rest', () => {
    expect(locateRepository(moved)).toEqual({ gitDir: join(moved, '.git') });
  });

  it('outside any repository, a bare-shaped folder included: none', () => {
    const loose = tempDir();
    bareShaped(loose);
    expect(locateRepository(loose)).toBeUndefined();
    const inv = gitInvocation(loose, ['status']);
    expect(inv.args.some((a) => a.startsWith('--git-dir='))).toBe(false);
    expect(inv.env.GIT_CEILING_DIRECTORIES).toBe(dirname(realpathSync(loose)));
  });

  it('every invocation carries the hardening before the caller’s arguments', () => {
    const inv = gitInvocation(join(repo, 'a'), ['ls-files']);
    expect(inv.args).toEqual([
      '-c',
      'safe.bareRepository=explicit',
      '-c',
      'core.fsmonitor=false',
      '-c',
      `core.hooksPath=${devNull}`,
      '-c',
      'protocol.ext.allow=never',
      '-c',
      'advice.graftFileDeprecated=false',
      `--git-dir=${join(repo, '.git')}`,
      `--work-tree=${repo}`,
      'ls-files',
    ]);
    expect(gitInvocation(repo, ['fetch'], { gitDir: sub }).args).toContain(`--git-dir=${sub}`);
  });
});

describe('gitEnvironment', () => {
  it('drops every GIT_* that redirects git or names a program, and keeps the user’s identity', () => {
    const env = gitEnvironment({
      PATH: '/bin',
      GIT_DIR: '/x',
      GIT_WORK_TREE: '/x',
      GIT_INDEX_FILE: '/x',
      GIT_OBJECT_DIRECTORY: '/x',
      GIT_ALTERNATE_OBJECT_DIRECTORIES: '/x',
      GIT_COMMON_DIR: '/x',
      GIT_NAMESPACE: 'x',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='x'",
      GIT_EXEC_PATH: '/x',
      GIT_SSH_COMMAND: 'x',
      GIT_PROXY_COMMAND: 'x',
      GIT_EXTERNAL_DIFF: 'x',
      git_dir: '/x',
      GIT_AUTHOR_NAME: 'Ada',
      GIT_COMMITTER_EMAIL: 'ada@example.com',
      GIT_CONFIG_GLOBAL: '/home/ada/.gitconfig',
    });
    expect(
      Object.keys(env)
        .filter((k) => k.toUpperCase().startsWith('GIT_'))
        .sort(),
    ).toEqual([
      'GIT_AUTHOR_NAME',
      'GIT_COMMITTER_EMAIL',
      'GIT_CONFIG_GLOBAL',
      'GIT_GRAFT_FILE',
      'GIT_NO_REPLACE_OBJECTS',
      'GIT_OPTIONAL_LOCKS',
      'GIT_PAGER',
      'GIT_TERMINAL_PROMPT',
    ]);
    expect(env.PATH).toBe('/bin');
  });
});
