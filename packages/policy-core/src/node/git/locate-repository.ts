import { realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isFile, linkedGitDir, plainRepository } from './discover-root.js';

/** The repository every git Slipway starts from a directory is told to use (see git-invocation.ts). */
export interface RepositoryLocation {
  /** The git directory: `.git`, or the one a `.git` file names (a linked worktree, a submodule). */
  gitDir: string;
  /**
   * The work tree's top (symbolic links resolved). Absent when the `.git` directory's own config
   * moves or removes the work tree (`core.worktree`, `core.bare`): git then reads it from there.
   */
  workTree?: string;
}

/**
 * The repository that holds `dir`, found from the file system alone: the nearest ancestor (or
 * `dir` itself) with a `.git` directory holding a HEAD, or a `.git` file naming one.
 *
 * Unlike git's own discovery it never takes a directory for a bare repository. A repository's
 * committed content can hold a folder shaped like one (HEAD, objects/, refs/, and a `config`
 * setting `core.fsmonitor` to a command): git, started in or below it, would take it for the
 * repository and run what its config names. Committed content can never hold a `.git` entry
 * (git refuses such paths), so a `.git` found here was put there by the user: their clone, a
 * submodule, a linked worktree, or a separate checkout inside this one, and the nearest one is
 * the repository, as for git. The environment plays no part: GIT_DIR and the like are dropped
 * from every git Slipway starts. Stops, as git does, at a file-system boundary. Undefined when
 * there is no repository; read afresh on each call (a few stat calls, no process), so a folder
 * that becomes or stops being a repository while an editor runs is seen at once.
 */
export function locateRepository(dir: string): RepositoryLocation | undefined {
  let current: string;
  try {
    current = realpathSync.native(resolve(dir));
  } catch {
    return undefined;
  }
  const device = statSync(current, { throwIfNoEntry: false })?.dev;
  for (;;) {
    const dotGit = join(current, '.git');
    const st = statSync(dotGit, { throwIfNoEntry: false });
    if (st?.isDirectory() && isFile(join(dotGit, 'HEAD')))
      return plainRepository(dotGit) ? { gitDir: dotGit, workTree: current } : { gitDir: dotGit };
    if (st?.isFile()) {
      const linked = linkedGitDir(dotGit);
      if (linked !== undefined) return { gitDir: linked, workTree: current };
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    if (statSync(parent, { throwIfNoEntry: false })?.dev !== device) return undefined;
    current = parent;
  }
}
