import type { ShellEffects, ShellWrite } from './effects.js';
import { changesWhatCommitsRecord } from './git-subcommands.js';

/**
 * A restore is judged by the files and text its source holds when the gate looks (the index, or
 * the commit a name points at). Another git command in the same command that changes the index,
 * HEAD or a branch (`git --work-tree=… add f && git checkout -- f`, `git commit … && git restore
 * -SW f`, `git branch -f x evil && git checkout x -- db`) makes that reading stale, in whichever
 * order the two run: each such restore is then of a source only the shell knows, put to a person.
 */
export function withStaleRestores(effects: ShellEffects): ShellEffects {
  const changes = [...effects.indexChanges, ...(effects.refWrites.length > 0 ? ['a ref written'] : [])];
  if (changes.length === 0) return effects;
  const why = `another git command in it (${changes[0]}) changes the index or a branch the restore takes files from`;
  const stale = (w: ShellWrite): ShellWrite => {
    if (!w.restoredFromIndex && w.restoredFrom === undefined) return w;
    const { restoredFromIndex: _i, restoredFrom: _f, ...rest } = w;
    return { ...rest, restoredFromUnknown: why };
  };
  return { ...effects, writes: effects.writes.map(stale) };
}

/**
 * A commit is judged by the index as the gate reads it before the command runs (stagedWrites).
 * Another git command in the same command that changes the index or HEAD's commit otherwise than
 * as writes the gate judges (`git reset evil && git reset --soft ORIG_HEAD && git commit`) makes
 * that reading stale: the commit says so (ShellCommit.indexMovedBy), and is put to a person.
 */
export function withStaleCommits(effects: ShellEffects): ShellEffects {
  if (effects.commits.length === 0) return effects;
  const movedBy =
    effects.indexChanges.find(changesWhatCommitsRecord) ??
    // A ref write moves what a commit builds on only when it is HEAD's (or one it cannot name).
    effects.refWrites.find(
      (r) =>
        (r.ref === undefined || r.ref === 'HEAD' || r.ref.startsWith('HEAD->')) &&
        !effects.commits.some((c) => c.what === r.what),
    )?.what;
  if (movedBy === undefined) return effects;
  return { ...effects, commits: effects.commits.map((c) => ({ ...c, indexMovedBy: movedBy })) };
}
