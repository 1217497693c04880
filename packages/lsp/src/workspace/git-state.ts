import { type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';

/**
 * What a change under `.git/` means for the change under review: `head` when HEAD, a branch
 * ref or packed-refs moved (checkout, commit, reset, a fetch of the production branch), `index`
 * when the index was rewritten (`git add`, `git reset`), nothing for objects, logs and locks.
 */
export function gitStateChange(repoPath: string): 'head' | 'index' | undefined {
  if (!repoPath.startsWith('.git/')) return undefined;
  const inside = repoPath.slice('.git/'.length);
  if (inside === 'HEAD' || inside === 'packed-refs' || inside.startsWith('refs/')) return 'head';
  if (inside === 'index') return 'index';
  return undefined;
}

/** The globs a client watches for `gitStateChange` (one per file: not every client expands braces). */
export const GIT_STATE_GLOBS = ['**/.git/HEAD', '**/.git/index', '**/.git/packed-refs', '**/.git/refs/**'];

/**
 * For clients that cannot watch files: the server watches `.git` itself, so a commit or reset
 * made in a terminal still refreshes the findings. Git replaces these files by renaming a
 * `.lock` file over them, which `fs.watch` reports by name. Events are coalesced for `delayMs`
 * (one `git commit` rewrites the index, a ref and the reflog). Returns a function that stops.
 */
export function watchGitState(
  root: string,
  onChange: (kind: 'head' | 'index') => void,
  delayMs = 50,
): () => void {
  const watchers: FSWatcher[] = [];
  let pending: 'head' | 'index' | undefined;
  let timer: NodeJS.Timeout | undefined;
  const fire = (kind: 'head' | 'index') => {
    pending = pending === 'head' ? 'head' : kind;
    timer ??= setTimeout(() => {
      const what = pending;
      pending = undefined;
      timer = undefined;
      if (what) onChange(what);
    }, delayMs);
  };
  const add = (dir: string, recursive: boolean, prefix: string) => {
    try {
      const w = watch(dir, { recursive, persistent: false }, (_event, name) => {
        const kind = name ? gitStateChange(`${prefix}${name.toString()}`) : 'head';
        if (kind) fire(kind);
      });
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // No .git directory (a worktree's .git is a file, or not a repository): nothing to watch.
    }
  };
  add(join(root, '.git'), false, '.git/');
  add(join(root, '.git/refs'), true, '.git/refs/');
  return () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
