import { splitZ } from '../git/path-bytes.js';
import { runGitSync } from '../git/run-git.js';

/**
 * The files `git clean` may remove under the repository path `rel` ('' the whole tree): those git
 * does not track, as `git ls-files --others` lists them (`untracked`: not excluded by the ignore
 * files; `all`, for `-x`: ignored ones too; `ignored`, for `-X`: only those), at most `max`.
 * Undefined when git cannot say (the caller then counts every file on disk under `rel`).
 */
export function untrackedFiles(
  root: string,
  rel: string,
  which: 'untracked' | 'all' | 'ignored',
  max: number,
): string[] | undefined {
  const filter =
    which === 'untracked'
      ? ['--exclude-standard']
      : which === 'ignored'
        ? ['--ignored', '--exclude-standard']
        : [];
  try {
    const out = splitZ(
      runGitSync(root, ['ls-files', '--others', '-z', '--full-name', ...filter, '--', rel || '.']).stdout,
    ).filter((p) => p !== '');
    return out.slice(0, max);
  } catch {
    return undefined;
  }
}
