/**
 * Where `git checkout <tree-ish> -- <path>` and `git restore --source=<tree-ish> <path>` take the
 * files they write from: the files under `<path>` in that commit land, whether the work tree
 * holds them or not (a protected file kept on another branch, restored into a folder that is not
 * on disk). Without a tree-ish both restore from the index.
 */
import type { ShellWrite } from './effects.js';
import { type Arg, argText as text } from './context.js';
import { isLongOption } from './writer-call.js';

/**
 * The paths `git checkout … -- <paths>` or `git restore <paths>` writes, each with where its
 * files come from (ShellWrite.restoredFrom): the words after `--`, else restore's words that are
 * not options nor the `-s X` value. `unknown` when the paths come from a file or standard input
 * (`--pathspec-from-file`), which Slipway does not read.
 */
export function restoredPaths(
  sub: 'checkout' | 'restore',
  rest: readonly Arg[],
): {
  paths: { arg: Arg; restored: RestoredFields }[];
  unknown?: string;
} {
  const words = rest.map((a) => text(a));
  const dashDash = words.indexOf('--');
  const options = dashDash === -1 ? words : words.slice(0, dashDash);
  if (options.some((w) => w !== undefined && isLongOption(w, '--pathspec-from-file')))
    return {
      paths: [],
      unknown: `git ${sub} --pathspec-from-file reads its paths from a file Slipway does not read`,
    };
  const source = restoreSource(sub, rest);
  // A merge's sides (`-m`, `--ours`, `--conflict=…`): text git makes from the unmerged entries.
  // (A word only the shell knows may be restore's `--merge`; before checkout's `--`, it is the
  // tree-ish, which restoreSource says is not known.)
  const merges = options.some((w) => (w === undefined ? sub === 'restore' : mergesSides(sub, w)));
  // `git restore --staged --worktree` without a source takes both from HEAD, not the index.
  const restored: RestoredFields = merges
    ? { restoredFromUnknown: `git ${sub} ${MERGE_WORDS} writes a merge's sides, which Slipway does not read` }
    : restoredFields(
        source === undefined && sub === 'restore' && restoreTargets(rest).staged
          ? { treeish: 'HEAD' }
          : source,
      );
  const paths = rest.filter((a, i) =>
    i === source?.valueAt ? false : dashDash !== -1 ? i > dashDash : !(text(a) ?? '').startsWith('-'),
  );
  return { paths: paths.map((arg) => ({ arg, restored })) };
}

/**
 * `git restore --staged <paths>` with no `--worktree` and no `--source`: the index takes HEAD's
 * files back, dropping what was staged, and nothing is written. Staged from a source, the next
 * commit records it: judged as a restore from that source (paths read from a file included).
 */
export function unstagesOnly(rest: readonly Arg[]): boolean {
  const { staged, worktree } = restoreTargets(rest);
  return staged && !worktree && restoreSource('restore', rest) === undefined;
}

/**
 * Which of the index (`--staged`, `-S`) and the work tree (`--worktree`, `-W`) `git restore`
 * writes, its options read as git's parser reads them: in a cluster (`-SW`, `-WS`), abbreviated
 * (`--stag`). A word that only the shell knows may be either.
 */
export function restoreTargets(rest: readonly Arg[]): { staged: boolean; worktree: boolean } {
  let staged = false;
  let worktree = false;
  for (const w of rest.map((a) => text(a))) {
    if (w === '--') break;
    if (w === undefined) {
      staged = worktree = true;
      continue;
    }
    if (w.startsWith('--')) {
      staged ||= isLongOption(w, '--staged');
      worktree ||= isLongOption(w, '--worktree');
    } else if (w.startsWith('-')) {
      // A cluster ends at -s, whose value the rest of the word is.
      const flags = w.slice(1).split('s')[0] ?? '';
      staged ||= flags.includes('S');
      worktree ||= flags.includes('W');
    }
  }
  return { staged, worktree };
}

const MERGE_WORDS = '-m/--merge/--ours/--theirs/--conflict';

/** checkout's and restore's options that write a merge's sides instead of a source's files. */
function mergesSides(sub: 'checkout' | 'restore', w: string): boolean {
  if (w.startsWith('--'))
    return ['--merge', '--ours', '--theirs', '--conflict'].some((o) => isLongOption(w.split('=')[0] ?? w, o));
  // `-m`, alone or in a cluster of flags (`-fm`); checkout's -b/-B take the next word.
  if (!w.startsWith('-') || w === '-') return false;
  const flags = sub === 'restore' ? (w.slice(1).split('s')[0] ?? '') : w.slice(1);
  return /^[a-zA-Z]*m/.test(flags) && !(sub === 'checkout' && /^[a-zA-Z]*[bB]/.test(flags));
}

/**
 * `git reset [<tree-ish>] [--] <paths>`: the index takes the files under the paths from the
 * tree-ish, and the next commit records them (a `git checkout -- <path>` then puts them on disk).
 * Judged like a checkout from that commit. Without `--`, git reads a lone word as a commit (which
 * moves the branch: gitRefWrites) and the first of several as the tree-ish. From HEAD, the index
 * only drops what was staged.
 */
export function resetPaths(rest: readonly Arg[]): ReturnType<typeof restoredPaths> {
  const words = rest.map((a) => text(a));
  const dashDash = words.indexOf('--');
  const operands = rest
    .map((arg, i) => ({ arg, i, w: words[i] }))
    .filter(({ w, i }) => (dashDash === -1 || i < dashDash) && !(w ?? '').startsWith('-'));
  const after = dashDash === -1 ? [] : rest.slice(dashDash + 1);
  const [first, ...others] = operands;
  const treeish =
    dashDash !== -1 ? (operands.length === 1 ? first : undefined) : operands.length >= 2 ? first : undefined;
  const paths = dashDash !== -1 ? after : others.map((o) => o.arg);
  if (treeish === undefined || paths.length === 0) return { paths: [] };
  if (treeish.w === 'HEAD' || treeish.w === '@') return { paths: [] };
  const restored = restoredFields(
    treeish.w === undefined
      ? { unknown: 'git reset names its tree-ish only when the shell runs' }
      : source(treeish.w),
  );
  return { paths: paths.map((arg) => ({ arg, restored })) };
}

type RestoredFields = Pick<ShellWrite, 'restoredFrom' | 'restoredFromUnknown' | 'restoredFromIndex'>;

/** A restore source as the fields of the writes it makes. */
function restoredFields(from: RestoreSource): RestoredFields {
  if (from === undefined) return { restoredFromIndex: true };
  return 'treeish' in from ? { restoredFrom: from.treeish } : { restoredFromUnknown: from.unknown };
}

/**
 * The tree-ish as written (`valueAt`: the index in `rest` of restore's separate `-s X` value, which
 * is no path), `unknown` when only the shell can say, or nothing (the index).
 */
export type RestoreSource =
  | { treeish: string; valueAt?: number }
  | { unknown: string; valueAt?: number }
  | undefined;

/** checkout's options that take the next word as their value (`-b name`). */
const CHECKOUT_VALUE_OPTIONS = new Set(['-b', '-B', '--orphan', '--conflict', '--pathspec-from-file']);

function restoreSource(sub: 'checkout' | 'restore', rest: readonly Arg[]): RestoreSource {
  const words = rest.map((a) => text(a));
  if (sub === 'restore') {
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w === '--') break;
      const value = w === undefined ? undefined : sourceValue(w);
      if (value === undefined) continue;
      if (value !== 'next') return source(value);
      const next = words[i + 1];
      if (next === undefined)
        return { unknown: `${w} names its tree-ish only when the shell runs`, valueAt: i + 1 };
      return { ...source(next), valueAt: i + 1 };
    }
    return undefined;
  }
  const dashDash = words.indexOf('--');
  if (dashDash === -1) return undefined;
  const before: (string | undefined)[] = [];
  for (let i = 0; i < dashDash; i++) {
    const w = words[i];
    if (w?.startsWith('-')) {
      if (CHECKOUT_VALUE_OPTIONS.has(w)) i++;
      continue;
    }
    before.push(w);
  }
  if (before.length === 0) return undefined;
  if (before.length > 1 || before[0] === undefined)
    return {
      unknown: `git checkout ${before.map((w) => w ?? '…').join(' ')} -- names its tree-ish in a way Slipway does not follow`,
    };
  return source(before[0]);
}

/**
 * restore's `-s`/`--source` as git's option parser reads it: `-s X`, `-sX`, in a cluster
 * (`-Ws X`, `-WsX`), `--source=X`, `--source X` and its abbreviations (`--sour=X`); `'next'` when
 * the value is the next word.
 */
function sourceValue(w: string): string | 'next' | undefined {
  if (w.startsWith('--')) {
    if (!isLongOption(w, '--source')) return undefined;
    const eq = w.indexOf('=');
    return eq === -1 ? 'next' : w.slice(eq + 1);
  }
  if (!w.startsWith('-')) return undefined;
  const at = w.indexOf('s');
  if (at === -1) return undefined;
  return at + 1 < w.length ? w.slice(at + 1) : 'next';
}

/** A tree-ish git would read as an option is not passed on: put to a person instead. */
function source(treeish: string): { treeish: string } | { unknown: string } {
  return treeish === '' || treeish.startsWith('-')
    ? { unknown: `the tree-ish ${JSON.stringify(treeish)} is not one Slipway asks git about` }
    : { treeish };
}
