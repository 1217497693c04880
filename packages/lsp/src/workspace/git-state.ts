import { type FSWatcher, readFileSync, watch } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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
 * HEAD and the commit it resolves to, read from the files git keeps them in: what the change
 * under review depends on. A loose ref wins over packed-refs, as in git.
 */
export function headFingerprint(root: string): string {
  const git = join(root, '.git');
  const read = (file: string) => {
    try {
      return readFileSync(join(git, file), 'utf8');
    } catch {
      return '';
    }
  };
  const head = read('HEAD').trim();
  const ref = head.startsWith('ref: ') ? head.slice(5) : undefined;
  if (!ref) return head;
  const loose = read(ref).trim();
  if (loose) return `${head}\n${loose}`;
  const packed = read('packed-refs')
    .split('\n')
    .find((line) => line.endsWith(` ${ref}`));
  return `${head}\n${packed ?? ''}`;
}

/** The ref HEAD points at (`refs/heads/main`), or undefined when detached. */
function headRef(root: string): string | undefined {
  try {
    const head = readFileSync(join(root, '.git', 'HEAD'), 'utf8').trim();
    return head.startsWith('ref: ') ? head.slice(5) : undefined;
  } catch {
    return undefined;
  }
}

/** Watches one folder for changes to the named files; a folder that does not exist is skipped. */
function watchNames(
  dir: string,
  names: readonly string[],
  changed: (name: string) => void,
): FSWatcher | undefined {
  try {
    const w = watch(dir, { persistent: false }, (_event, name) => {
      const file = name?.toString() ?? '';
      if (names.includes(file)) changed(file);
    });
    w.on('error', () => w.close());
    return w;
  } catch {
    return undefined;
  }
}

/**
 * For clients that cannot watch files: the server watches `.git` itself, so a commit, reset or
 * checkout made in a terminal still refreshes the findings. It watches HEAD, the index and
 * packed-refs in `.git`, and the current branch's ref file in its own folder (re-aimed when HEAD
 * moves to another branch); git replaces each by renaming a `.lock` over it, which `fs.watch`
 * reports by name. Events are coalesced for `delayMs`, then the HEAD fingerprint tells a moved
 * HEAD or branch from an index-only change (`git add`); the fingerprint is also read every
 * `pollMs`. Returns a function that stops.
 */
export function watchGitState(
  root: string,
  onChange: (kind: 'head' | 'index') => void,
  delayMs = 50,
  pollMs = 1000,
): () => void {
  let fingerprint = headFingerprint(root);
  let timer: NodeJS.Timeout | undefined;
  // Whether anything but the index was rewritten in this window: a reset can bring a branch back
  // to the very commit last fingerprinted (a commit then a reset), so a ref event counts as a move.
  let refTouched = false;
  const changed = (name: string) => {
    if (name !== 'index') refTouched = true;
    timer ??= setTimeout(settle, delayMs);
  };
  const git = join(root, '.git');
  const base = watchNames(git, ['HEAD', 'index', 'packed-refs', 'ORIG_HEAD'], changed);
  let ref = headRef(root);
  let refWatcher = ref ? watchNames(dirname(join(git, ref)), [basename(ref)], changed) : undefined;
  function settle() {
    timer = undefined;
    const now = headFingerprint(root);
    const moved = refTouched || now !== fingerprint;
    refTouched = false;
    fingerprint = now;
    const current = headRef(root);
    if (current !== ref) {
      refWatcher?.close();
      ref = current;
      refWatcher = ref ? watchNames(dirname(join(git, ref)), [basename(ref)], changed) : undefined;
    }
    onChange(moved ? 'head' : 'index');
  }
  // fs.watch can miss an event (a ref replaced while the watcher is being re-aimed, a folder
  // git creates after the watch started): a second a cheap look at HEAD's fingerprint catches it.
  const poll = setInterval(() => {
    if (!timer && headFingerprint(root) !== fingerprint) changed('HEAD');
  }, pollMs);
  poll.unref();
  return () => {
    if (timer) clearTimeout(timer);
    clearInterval(poll);
    base?.close();
    refWatcher?.close();
  };
}
