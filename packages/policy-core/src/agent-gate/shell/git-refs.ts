import type { Cwds } from './context.js';
import { branchRefs } from './git-branch-refs.js';

/**
 * The refs a git command creates, moves, renames or deletes in this clone, read off its words.
 * Not a push (`pushes`), and not what git keeps under names of its own (FETCH_HEAD, ORIG_HEAD,
 * reflogs, refs/stash, tags, notes).
 *
 * Why the gate reads them: it judges an agent's work against the production branch as this clone
 * holds it (`refs/heads/<production>`, else what was fetched of it, `refs/remotes/origin/<production>`).
 * A command that moves either changes what the work is judged against — `git branch -f main HEAD`
 * leaves the branch with no change for its caps to count, `git branch -D main` and
 * `git remote remove origin` leave it with no base at all — and git counts all of them as
 * harmless bookkeeping, writing nothing in the work tree.
 *
 * Each ref is a full name (`refs/heads/x`), `HEAD` (the branch checked out: what a commit or a
 * reset moves), or a pattern with one `*` (`refs/remotes/origin/*`: every ref it matches);
 * undefined when the words do not say which refs (a dynamic word, `--stdin`, a mirror).
 */
export function gitRefWrites(
  sub: string,
  words: readonly (string | undefined)[],
  /** The command runs in another directory (`-C dir`, `--git-dir`, a `cd` out of the tree): its HEAD is not this one's. */
  elsewhere = false,
): (string | undefined)[] {
  if (MOVES_CHECKED_OUT.has(sub)) {
    const head = movesHead(sub, words) ? [elsewhere ? undefined : 'HEAD'] : [];
    if (words.some((w) => w === undefined)) return head;
    // `git pull origin x:main` stores what it fetches where its refspecs say, as a fetch does.
    if (sub === 'pull') return [...head, ...fetchRefs(words as string[], PULL_VALUES)];
    // `--update-refs` moves every branch that points into the commits replayed: git decides which.
    if (sub === 'rebase' && words.some((w) => w === '--update-refs')) return [...head, undefined];
    return head;
  }
  const read = REF_WRITERS[sub];
  if (read === undefined) return [];
  if (sub === 'checkout' && restoresPaths(words)) return [];
  if (words.some((w) => w === undefined)) return [undefined];
  return read(words as string[]);
}

/**
 * `git checkout <tree-ish> -- <path>…` restores paths, whatever its other words are (a tree-ish
 * given by a command substitution among them): git refuses -b, -B and --orphan with paths
 * ("a branch cannot be created from it", tried on git 2.39), so it moves no ref. A path named after
 * `--` is needed: `git checkout -b main -- $(true)` has none once the shell expands it.
 */
function restoresPaths(words: readonly (string | undefined)[]): boolean {
  const dashDash = words.indexOf('--');
  return dashDash !== -1 && words.slice(dashDash + 1).some((w) => w !== undefined && w !== '');
}

/** Subcommands that move the branch checked out (a commit, a reset, a merge or a replay of commits). */
const MOVES_CHECKED_OUT = new Set([
  'commit',
  'reset',
  'merge',
  'pull',
  'rebase',
  'cherry-pick',
  'revert',
  'am',
]);

/**
 * Whether this one moves it: not `reset` of paths or of HEAD itself (unstaging), not a dry run,
 * not `merge --abort`, not a `pull` of the branch's own upstream (no remote and branch named).
 */
function movesHead(sub: string, words: readonly (string | undefined)[]): boolean {
  if (words.some((w) => w === undefined)) return true;
  const ws = words as string[];
  const operands = ws.filter((w) => !w.startsWith('-'));
  if (sub === 'reset') return !ws.includes('--') && operands.length === 1 && operands[0] !== 'HEAD';
  if (sub === 'commit') return !ws.includes('--dry-run');
  if (['merge', 'rebase', 'cherry-pick', 'revert', 'am'].includes(sub))
    return !ws.some((w) => w === '--abort' || w === '--quit');
  if (sub === 'pull') return operands.length > 1;
  return true;
}

const REF_WRITERS: Record<string, (words: string[]) => (string | undefined)[]> = {
  branch: branchRefs,
  checkout: (words) => newBranch(words, ['-b', '-B', '--orphan'], 'bB'),
  switch: (words) => newBranch(words, ['-c', '-C', '--create', '--force-create', '--orphan'], 'cC'),
  'update-ref': updateRefRefs,
  'symbolic-ref': symbolicRefRefs,
  fetch: (words) => fetchRefs(words),
  remote: remoteRefs,
  worktree: (words) => (words[0] === 'add' ? newBranch(words.slice(1), ['-b', '-B', '--orphan'], 'bB') : []),
};

/** The branch `git checkout -b x` / `git switch -c x` creates or resets. */
function newBranch(words: string[], options: readonly string[], shortLetters: string): string[] {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const attached = options.find((o) => o.startsWith('--') && w.startsWith(`${o}=`));
    if (attached) return [`refs/heads/${w.slice(attached.length + 1)}`];
    const bundled = /^-[a-zA-Z]+$/.test(w) && shortLetters.includes(w[w.length - 1] as string);
    if (options.includes(w) || bundled) {
      const name = words[i + 1];
      return name === undefined ? [] : [`refs/heads/${name}`];
    }
  }
  return [];
}

/** `git update-ref [-d] [--no-deref] [-m why] <ref> [<new> [<old>]]`, or `--stdin`. */
function updateRefRefs(words: string[]): (string | undefined)[] {
  if (words.includes('--stdin')) return [undefined];
  const noDeref = words.includes('--no-deref');
  const ops = operands(words, ['-m']);
  const ref = ops[0];
  if (ref === undefined) return [];
  // Through a symbolic ref (HEAD, refs/remotes/origin/HEAD) git moves what it points at.
  if (ref === 'HEAD' || ref.endsWith('/HEAD')) return noDeref ? [] : [ref];
  return [ref];
}

/** `git symbolic-ref <name> <ref>` writes name; `-d <name>` deletes it; `<name>` alone reads. */
function symbolicRefRefs(words: string[]): string[] {
  const ops = operands(words, ['-m']);
  const deletes = words.includes('-d') || words.includes('--delete');
  const name = ops[0];
  if (name === undefined || (!deletes && ops.length < 2)) return [];
  // Pointing HEAD at a branch checks it out without touching files: no ref moves, but the
  // commits after it (in this command or the next) move that branch: `HEAD->` says which.
  return name === 'HEAD' ? [`HEAD->${ops[1] ?? ''}`] : [name];
}

/** `git fetch` options followed by a value of their own. */
const FETCH_VALUES = [
  '--depth',
  '--deepen',
  '--shallow-since',
  '--shallow-exclude',
  '-j',
  '--jobs',
  '--negotiation-tip',
  '--upload-pack',
  '-o',
  '--server-option',
  '--filter',
  '--recurse-submodules-default',
  '--submodule-prefix',
];

/** `git pull`'s own options followed by a value (its merge's), beside fetch's. */
const PULL_VALUES = ['-s', '--strategy', '-X', '--strategy-option', '--cleanup'];

/**
 * Where `git fetch`'s refspecs (and `--refmap`s) store what they fetch. Without a refspec, a remote
 * updates the refs its configuration names (origin's own branches from origin); a configuration
 * that maps elsewhere is written by `git remote`/`git config`, which are read for that.
 */
function fetchRefs(words: string[], extraValues: readonly string[] = []): (string | undefined)[] {
  if (words.includes('--stdin')) return [undefined];
  const maps: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '--refmap') maps.push(words[i + 1] ?? '');
    else if (w.startsWith('--refmap=')) maps.push(w.slice('--refmap='.length));
  }
  const ops = operands(words, [...FETCH_VALUES, ...extraValues, '--refmap']);
  const several = words.includes('--all') || words.includes('--multiple');
  const remote = several ? undefined : ops[0];
  const specs = several ? [] : ops.slice(1);
  const out: string[] = [];
  for (const spec of [...specs, ...maps]) {
    const plain = spec.replace(/^\+/, '');
    const colon = plain.lastIndexOf(':');
    if (plain.startsWith('^') || colon === -1) continue;
    const [src, dst] = [plain.slice(0, colon), plain.slice(colon + 1)];
    if (dst === '') continue;
    // git completes `heads/x` and `remotes/origin/x` under refs/, as it reads a full name.
    const stored = dst.startsWith('refs/')
      ? dst
      : /^(heads|remotes|tags)\//.test(dst)
        ? `refs/${dst}`
        : `refs/heads/${dst}`;
    // Origin's branch kept under its own name, its source written out in full (`origin
    // refs/heads/main:refs/heads/main`, the clone's own mapping): what the branch is, not a move.
    // A short source is not: origin may have a tag of that name, which git takes first.
    const branch = src.startsWith('refs/heads/') ? src.slice('refs/heads/'.length) : undefined;
    if (
      remote === 'origin' &&
      branch !== undefined &&
      (stored === `refs/heads/${branch}` || stored === `refs/remotes/origin/${branch}`)
    )
      continue;
    out.push(stored);
  }
  return out;
}

/**
 * `git remote`: a new, renamed, removed or re-pointed `origin` changes what `git fetch` stores as
 * origin's branches (or drops them); a mirror fetches over every ref.
 */
function remoteRefs(words: string[]): (string | undefined)[] {
  const [action, ...rest] = words;
  const ops = operands(rest, ['-t', '-m']);
  const origin = ['refs/remotes/origin/*'];
  switch (action) {
    case 'add':
      if (rest.some((w) => w === '--mirror' || w === '--mirror=fetch')) return [undefined];
      return ops[0] === 'origin' ? origin : [];
    case 'rename':
      return ops.includes('origin') ? origin : [];
    case 'remove':
    case 'rm':
      return ops[0] === 'origin' ? origin : [];
    case 'set-url':
      return ops[0] === 'origin' && !rest.includes('--push') ? origin : [];
    default:
      return [];
  }
}

/** The words that are not options, nor the values of `valued` options. */
export function operands(words: readonly string[], valued: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '--') {
      out.push(...words.slice(i + 1));
      break;
    }
    if (valued.includes(w)) i++;
    else if (!w.startsWith('-')) out.push(w);
  }
  return out;
}

/**
 * Whether git runs on another directory than the command's (`-C dir`, `--git-dir`, a `cd` out of
 * the tree or to one the text does not say): its HEAD may be another worktree's, with the
 * production branch checked out there.
 */
export function runsElsewhere(dirCwds: Cwds, cwds: Cwds): boolean {
  if (dirCwds === undefined || dirCwds !== cwds) return true;
  return dirCwds.some((c) => c.startsWith('/') || c === '..' || c.startsWith('../'));
}
