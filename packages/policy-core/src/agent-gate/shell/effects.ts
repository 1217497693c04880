import type { CommitTakes } from './git-commit-scope.js';

/**
 * What a shell command would do to files and to remotes, as `shellEffects` reads it from the
 * command's text alone (no disk, no process). Data only: the gate (agent-gate) matches `writes`
 * against the policy's protected paths and decides what `unknown`, `pushes`, `refWrites` and
 * `skipsHooks` mean.
 *
 * What counts as read-only, what runs code and what is a writer is listed in `commands.ts`.
 */
export interface ShellEffects {
  /** Files the command writes, creates, removes, renames or changes the mode or owner of. */
  writes: ShellWrite[];
  /**
   * Parts whose writes cannot be known from the text: code run by an interpreter (`eval`,
   * `bash script.sh`, `python -c`, `node -e`), a program Slipway does not know, a command word or
   * write target that is not static (`$X f`, `> "$F"`), a patch whose content is elsewhere
   * (`git apply`), a `cd` to a directory that is not static before a relative write.
   */
  unknown: ShellUnknown[];
  /** `git push` invocations. */
  pushes: ShellPush[];
  /** Refs git commands create, move, rename or delete in the clone (git-refs.ts says which). */
  refWrites: ShellRefWrite[];
  /**
   * What in this command changes where a `git push` naming no branch goes (`git branch -u`,
   * `git config push.default`, `git -c push.default=… push`): git settings the gate read before it.
   */
  pushSettings: string[];
  /** `git commit --no-verify`/`-n`, `git push --no-verify`, `git merge/rebase/am --no-verify`. */
  skipsHooks: boolean;
  /**
   * git commands in this command that may change the index, HEAD or a branch other than by a
   * restore the gate judges (`git add`, `git commit`, `git --work-tree=… add`): a restore that
   * reads the index or a commit then reads what the gate saw before them (restores.ts).
   */
  indexChanges: string[];
  /**
   * `git commit` invocations (not `--dry-run`): a commit records what the index holds, which may
   * differ from the files on disk the gate judges as the session's edits (stagedWrites), unless it
   * takes the files from the disk (`-a`, paths named).
   */
  commits: ShellCommit[];
  /** git commands that point a branch at a commit they name (git-branch-moves.ts). */
  branchMoves: (BranchMove & { what: string })[];
  /** Why the command could not be read (a syntax error, past a limit): the gate fails closed. */
  unreadable?: string;
}

/**
 * A git command that points a branch at a commit it names (ShellEffects.branchMoves): `git reset
 * <commit>` (HEAD, the branch checked out), `git update-ref <ref> <commit>`, `git fetch <remote>
 * <src>:<dst>` (dst, to what src names there: `to` only for this repository, `.`). Moving the
 * agent's own branch onto a commit made elsewhere brings that commit's changes in without a single
 * write the gate judges; the gate lets through only a move back onto one of the branch's own
 * commits (an ancestor of HEAD).
 */
export interface BranchMove {
  /** `HEAD`, or the full ref name. */
  ref: string;
  /** The commit as written, when the words name it here. */
  to?: string;
}

export interface ShellCommit {
  /** The command as written. */
  what: string;
  takes: CommitTakes;
  /**
   * A git command in the same command that changes the index or HEAD's commit otherwise than as
   * writes the gate judges (restores.ts, withStaleCommits): the index the gate reads before the
   * command runs is then not the one this commit records.
   */
  indexMovedBy?: string;
}

export interface ShellWrite {
  /**
   * The file, as the command names it, quotes and escapes removed, joined to the directory a
   * literal `cd` moved to (`cd sub && rm f` gives `sub/f`); relative to the command's working
   * directory, or absolute. With `pattern`, a glob in minimatch syntax; with `notLiteral`, the
   * expansion is kept as written (`~/x`, `$HOME/x`).
   */
  path: string;
  /**
   * `path` before its `..` were folded (`docs/cur/../db/x.sql`; a glob's in glob syntax), when it has any: the file
   * system steps up from where a link before a `..` leads, not from the link's name, so only the
   * disk can say where such a path lands (the node side resolves it there).
   */
  unfolded?: string;
  /**
   * Written with a trailing `/` (`rm -rf link/`): the folder a link of that name leads to, whose
   * files a removal empties, not the link itself (`rm -rf link` removes the link alone).
   */
  slash?: true;
  /** What writes it: `redirect >`, `tee`, `sed -i`, `rm`, `mv (to)`, `git rm`, `heredoc >` … */
  how: string;
  /** The text written, when the whole of it is in the command (a quoted heredoc, `echo 'x' > f`). */
  content?: string;
  /** The command removes the file (or moves it away). */
  deletes?: true;
  /** `path` is a glob (`*.sql`, `{a,b}.txt`): every file it matches may be written. */
  pattern?: true;
  /** `path` starts with an expansion the shell resolves (`~`, `$HOME`): not the literal name. */
  notLiteral?: string;
  /** A directory the command may write anywhere under (`rm -r dir`, `cp -r x dir`, `find dir -delete`). */
  tree?: true;
  /**
   * A copy or a move (`cp -r`, `mv`, `git mv`) of the file or folder `from` (joined to the working
   * directory as `path` is; a glob with `fromPattern`, the text as written with `fromUnknown`):
   * each file `from/<rel>` lands at `path/<rel>`, or at `path/<basename of from>/<rel>` when
   * `path` is a folder, as `lands` says. The names that land are the files under `from`, which
   * only the disk (and what the command wrote there before) can tell.
   */
  from?: string;
  fromPattern?: true;
  /** `from` is not known from the text (`$X`, `$(…)`, `~/x`). */
  fromUnknown?: true;
  /**
   * Where `from` lands, when the command says: `in` path (`-t dir`, several sources), `as` path
   * (`-T`, `from/.`), or `contents`: cp's `from/`, which BSD cp copies into path itself and GNU
   * cp as `from`. Absent: in path when path is a folder, else as path (cp, mv).
   */
  lands?: 'in' | 'as' | 'contents';
  /**
   * `git checkout <tree-ish> -- path`, `git restore --source=<tree-ish> path`: the files under
   * `path` in that commit are written too, on disk or not (`restoredFrom`); `restoredFromUnknown`
   * says why the tree-ish cannot be asked about (only the shell names it).
   */
  restoredFrom?: string;
  restoredFromUnknown?: string;
  /**
   * `git checkout -- path`, `git restore path`: the index's files under `path` are written back,
   * with the index's text (what the gate reads them as); files the index lacks are left alone.
   */
  restoredFromIndex?: true;
  /**
   * `git clean`: only the files under `path` that git does not track are removed (`untracked`:
   * those .gitignore does not exclude; `-x`: `all` untracked, ignored too; `-X`: `ignored` only).
   */
  cleans?: 'untracked' | 'all' | 'ignored';
  /** `git clean -ff`: untracked repositories nested in the tree are removed too, whole. */
  cleansNested?: true;
  /**
   * `find root -name G -delete`: only the files under `path` that find's name tests match are
   * removed (find-tests.ts), not the whole tree.
   */
  matching?: FindMatching;
}

/** One of find's name tests: `-name`/`-iname` on the base name, `-path`/`-ipath`/`-wholename` on the whole. */
export interface FindTest {
  on: 'name' | 'path';
  glob: string;
  /** `-iname`, `-ipath`: case ignored. */
  fold?: true;
}

/**
 * Which files a `find … -delete` removes, when its expression is a plain conjunction of name
 * tests (ShellWrite.matching): the root as written (`-path` matches the path find prints from
 * it) and the tests, all of which a file matches.
 */
export interface FindMatching {
  root: string;
  tests: FindTest[];
}

/** Why a part's writes are not known. */
export type UnknownKind =
  /** An interpreter or `eval` runs code the command does not show (or shows as text to run). */
  | 'runs-code'
  /** A program Slipway does not know: it may write anything. */
  | 'unknown-program'
  /** A command word or a write target that is only known when the shell runs (`$X`, `$(cmd)`). */
  | 'dynamic'
  /** A relative write after a `cd` to a directory that is not static. */
  | 'cwd'
  /** A known writer whose targets the text does not give (`git apply`, `xargs rm`, `find -exec`). */
  | 'targets';

export interface ShellUnknown {
  /** The command (or part of it) as written. */
  what: string;
  why: string;
  kind: UnknownKind;
  /**
   * The folders it runs in (after a `cd`; '' for the command's own), relative to the command's
   * working directory or absolute; absent when the text does not say (`cd "$X"`). The gate of a
   * session no policy governs asks the repositories these lead into.
   */
  runsIn?: string[];
}

export interface ShellPush {
  /** The remote as written (`origin`, a URL), when given. */
  remote?: string;
  /** The refspecs as written (`HEAD:main`, `+main`, `:old`); empty means the current branch's push. */
  refspecs: string[];
  /** `--force`, `-f`, `--force-with-lease`, `--force-if-includes`, `--mirror`, or a `+refspec`. */
  force: boolean;
  /** `--delete`/`-d`, or a `:ref` refspec. */
  deletes: boolean;
  /** `--all`, `--mirror`, `--tags`: every branch (or tag), not named refspecs. */
  all: boolean;
  /** `--dry-run`/`-n`: nothing is sent. */
  dryRun?: true;
  /** The remote or a refspec is not static (`git push $REMOTE`). */
  dynamic?: true;
  /**
   * The folders git runs in (`-C dir`, a `cd` before it; '' for the command's own), relative to
   * the command's working directory or absolute: the branch it pushes is the one checked out
   * there, judged by that repository's policy.
   */
  runsIn?: string[];
  /** The text does not say where git runs (`--git-dir`, `cd "$X"`): nor which branch is checked out. */
  runsInUnknown?: true;
}

/** A ref a git command writes in the clone. */
export interface ShellRefWrite {
  /** The command as written. */
  what: string;
  /**
   * A full ref name (`refs/heads/main`), `HEAD` (the branch checked out) or a pattern with one `*`
   * (`refs/remotes/origin/*`); absent when the command does not say which refs (`--stdin`).
   */
  ref?: string;
  /** The folders git runs in, as ShellPush.runsIn says: `HEAD` is the branch checked out there. */
  runsIn?: string[];
}

export function emptyEffects(): ShellEffects {
  return {
    writes: [],
    unknown: [],
    pushes: [],
    refWrites: [],
    pushSettings: [],
    skipsHooks: false,
    indexChanges: [],
    commits: [],
    branchMoves: [],
  };
}
