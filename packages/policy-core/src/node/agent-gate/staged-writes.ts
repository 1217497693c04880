import type { ProposedWrite } from '../../agent-gate/proposed-write.js';
import { diskPath, splitZ } from '../git/path-bytes.js';
import { runGitSync } from '../git/run-git.js';
import { blobTexts, changedOnDisk, plainFile } from './restored-texts.js';
import { lstatOrUndefined } from './write-target.js';

/** Past this many staged files the rest are put to the human: a commit of a whole tree. */
const MAX_STAGED = 10_000;

/**
 * What a `git commit` records where it differs from what the gate judges: the gate judges the
 * session's edits as the files on disk hold them, and a commit takes the index. A file staged and
 * then changed on disk (or staged from elsewhere: `git update-index`, another work tree) is
 * committed with text the gate never judged. Each such file is a write of the index's text (a
 * link, a submodule, a blob past the readers' limits: text unknown), and a file removed from the
 * index but left on disk a removal. Files whose disk text is the index's were judged as they are;
 * a file removed from both was judged when it was removed; an unmerged entry is never committed
 * (git refuses until it is added, with the disk's text). With `-a` or paths named (`fromDisk`)
 * tracked files are taken from the disk, but for those git is told not to compare with it: only
 * they and the removals are left. `how` names the commit; `tooMany` is set past MAX_STAGED files.
 * Undefined when git cannot say what is staged.
 */
export function stagedWrites(
  root: string,
  how: string,
  fromDisk = false,
): { writes: ProposedWrite[]; tooMany?: number } | undefined {
  let raw: string[];
  try {
    // `git diff --cached` compares with the empty tree on a branch with no commit yet.
    raw = splitZ(
      runGitSync(root, [
        'diff',
        '--cached',
        '--raw',
        '--no-abbrev',
        '-z',
        '--no-renames',
        '--no-ext-diff',
        '--no-textconv',
      ]).stdout,
    );
  } catch {
    return undefined;
  }
  const staged = parseRaw(raw).filter((e) => e.status !== 'U');
  // Which files the disk holds otherwise: asked of git only when the commit takes the index's.
  const onDisk = staged.length === 0 || fromDisk ? new Set<string>() : changedOnDisk(root, '');
  // Entries git is told not to look at on disk (assume-unchanged, skip-worktree) are never listed
  // by diff-files, whatever the disk holds: their index text is judged as differing.
  const unwatched = staged.length === 0 ? new Set<string>() : notCompared(root);
  if (onDisk === undefined || unwatched === undefined) return undefined;
  const differs = staged.filter((e) =>
    e.status === 'D'
      ? lstatOrUndefined(diskPath(root, e.path)) !== undefined
      : unwatched.has(e.path) || (!fromDisk && onDisk.has(e.path)),
  );
  const kept = differs.slice(0, MAX_STAGED);
  const texts = blobTexts(
    root,
    kept.filter((e) => e.status !== 'D' && plainFile(e)).map((e) => e.oid),
  );
  const writes = kept.map(
    (e): ProposedWrite => ({
      path: e.path,
      after: e.status === 'D' ? null : plainFile(e) ? texts.get(e.oid) : undefined,
      how,
    }),
  );
  return differs.length > MAX_STAGED ? { writes, tooMany: differs.length } : { writes };
}

/** The index entries marked assume-unchanged (`git ls-files -v`: a lowercase tag) or skip-worktree (`S`). */
function notCompared(root: string): Set<string> | undefined {
  try {
    const paths = new Set<string>();
    for (const entry of splitZ(runGitSync(root, ['ls-files', '-v', '-z']).stdout)) {
      const tag = entry.slice(0, 1);
      if (entry.length > 2 && (tag === 'S' || (tag !== tag.toUpperCase() && tag === tag.toLowerCase())))
        paths.add(entry.slice(2));
    }
    return paths;
  } catch {
    return undefined;
  }
}

interface StagedEntry {
  path: string;
  /** The index side's mode and object. */
  mode: string;
  oid: string;
  /** git's letter: A, M, T, D, U (unmerged). */
  status: string;
}

/**
 * `git diff --raw -z --no-renames` (split at NUL, paths decoded as path-bytes.ts does): `:oldmode
 * newmode oldoid newoid status` then the path, per file. Not name-status.ts's parseRawDiff: that
 * one keeps the paths and statuses of a change between commits, this one the index side's mode and
 * object, whose text is what the commit records.
 */
function parseRaw(parts: readonly string[]): StagedEntry[] {
  const out: StagedEntry[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [, mode = '', , oid = '', status = ''] = (parts[i] as string).slice(1).split(' ');
    out.push({ path: parts[i + 1] as string, mode, oid, status: status.slice(0, 1) });
  }
  return out;
}
