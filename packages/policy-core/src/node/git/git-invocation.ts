import { realpathSync } from 'node:fs';
import { devNull } from 'node:os';
import { dirname, resolve } from 'node:path';
import { locateRepository } from './locate-repository.js';

/**
 * How every git Slipway starts is started: one argv and one environment, built here and nowhere
 * else (runGit, runGitSync and the self-update's git all take them from gitInvocation).
 *
 * A repository's content never chooses git's repository or its configuration, and no git Slipway
 * starts runs a program the repository names:
 *
 * - The repository is found by locateRepository (a `.git` the user put there, never a committed
 *   folder shaped like a bare repository) and given to git as `--git-dir` and `--work-tree`, so git
 *   does no discovery of its own: a nested policy's folder can never become the repository. The
 *   working directory stays where the caller put it, so paths git reads and prints are relative
 *   to it as before. Where there is no repository, git may look only at the directory itself
 *   (GIT_CEILING_DIRECTORIES at its parent), and `safe.bareRepository=explicit` refuses to take
 *   that directory for a bare repository: the answer is "not a git repository".
 * - Command-line settings (`-c`, which outrank every config file) switch off what can run a
 *   program while git only reads: `core.fsmonitor` (run on every index refresh: status,
 *   ls-files, diff) and hooks (`core.hooksPath` at the null device, a place nobody can put a
 *   hook in: reference-transaction runs on any ref update, post-checkout on `worktree add`, and
 *   the commits Slipway writes run no pre-commit, commit-msg or post-commit either, including a
 *   husky-style hooks folder an agent's branch edits). `protocol.ext.allow=never`: an `ext::`
 *   URL (a policy's `extends:` names URLs) is a command line. Readers of diffs and blame pass
 *   `--no-ext-diff`/`--no-textconv` themselves (options of those commands, not settings).
 * - Kept as the user set them, deliberately: their global and system config (GIT_CONFIG_GLOBAL
 *   and friends choose those files), so filters (git-lfs), credential helpers, `core.sshCommand`
 *   and `gpg.*` programs for the self-update's signature check are the user's own. A repository's
 *   committed content cannot define any of these: a driver named in `.gitattributes` runs only if
 *   the user's config defines it, and the one repository-level config git reads is the user's own
 *   `.git/config`, which no commit can write. The guard's checkout of a commit runs no filter even
 *   so (filter-free.ts): a committed `.lfsconfig` would choose the host git-lfs fetches from.
 * - The environment: every GIT_* variable is dropped except those below. GIT_DIR, GIT_WORK_TREE,
 *   GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES, GIT_COMMON_DIR and
 *   GIT_NAMESPACE would make Slipway judge another repository, index or object store than the
 *   checkout's (a git hook sets some of them; an agent's shell could set any); GIT_CONFIG_COUNT /
 *   GIT_CONFIG_PARAMETERS are command-line config; GIT_EXEC_PATH, GIT_SSH, GIT_SSH_COMMAND,
 *   GIT_PROXY_COMMAND, GIT_ASKPASS and GIT_EXTERNAL_DIFF name programs to run.
 */

/**
 * GIT_* variables kept from the environment: who the user is (the commits Slipway writes carry
 * their name), which of the user's own config files apply, tracing, and TLS trust for a fetch.
 */
const KEPT_GIT_VARIABLES = new Set([
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_TRACE',
  'GIT_TRACE2',
  'GIT_TRACE2_EVENT',
  'GIT_TRACE2_PERF',
  'GIT_TRACE_PERFORMANCE',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
]);

/** Settings on every git's command line; see the comment at the top of this file. */
export const GIT_HARDENING_ARGS: readonly string[] = [
  '-c',
  'safe.bareRepository=explicit',
  '-c',
  'core.fsmonitor=false',
  '-c',
  `core.hooksPath=${devNull}`,
  '-c',
  'protocol.ext.allow=never',
  // GIT_GRAFT_FILE below names /dev/null, which git reads as a graft file and then prints a
  // deprecation hint for on every commit it parses: noise that hid the real error line.
  '-c',
  'advice.graftFileDeprecated=false',
];

// Fixed for every git: output is bytes read by a program (no pager, C locale), no prompt for
// credentials. No optional locks (`git status` would otherwise write the index back under
// `index.lock`: Slipway only reads, and the user's own `git commit` could fail on the lock; in the
// editor it was a loop, each status rewriting the index the server watches). No replacement
// objects (`git replace`): a replacement would show another commit, tree or blob than the one the
// change holds; and no grafts (`.git/info/grafts`: an empty graft file), which could give a commit
// other parents and hide an agent's commit from the change's history. A shallow clone's own cut
// (`.git/shallow`) is read apart and stays.
const GIT_ENV_OVERRIDES: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  LC_ALL: 'C',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_NO_REPLACE_OBJECTS: '1',
  GIT_GRAFT_FILE: devNull,
};

export interface GitInvocationOptions {
  /**
   * A git directory Slipway made and owns (a bare fetch cache): given to git as it is, with no
   * work tree. Otherwise the repository holding `cwd` is located.
   */
  gitDir?: string;
  /** The environment to start from (default: this process's); its GIT_* variables are filtered. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface GitInvocation {
  /** git's arguments: the hardening, the repository, then the caller's own. */
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** The one way a git process is started: its argv (after `git`) and its environment. */
export function gitInvocation(
  cwd: string,
  args: readonly string[],
  opts: GitInvocationOptions = {},
): GitInvocation {
  const env = gitEnvironment(opts.env ?? process.env);
  if (opts.gitDir !== undefined)
    return { args: [...GIT_HARDENING_ARGS, `--git-dir=${resolve(cwd, opts.gitDir)}`, ...args], env };
  const located = locateRepository(cwd);
  if (located === undefined) {
    // No repository: git may consider the directory itself and nothing above it (and, by
    // safe.bareRepository, never as a bare repository), so its answer is "not a git repository".
    env.GIT_CEILING_DIRECTORIES = dirname(realOrAsIs(resolve(cwd)));
    return { args: [...GIT_HARDENING_ARGS, ...args], env };
  }
  const where = [`--git-dir=${located.gitDir}`];
  if (located.workTree !== undefined) where.push(`--work-tree=${located.workTree}`);
  return { args: [...GIT_HARDENING_ARGS, ...where, ...args], env };
}

/** `base` without the GIT_* variables that could redirect or run something, plus the fixed ones. */
export function gitEnvironment(base: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (name.toUpperCase().startsWith('GIT_') && !KEPT_GIT_VARIABLES.has(name)) continue;
    env[name] = value;
  }
  return Object.assign(env, GIT_ENV_OVERRIDES);
}

function realOrAsIs(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}
