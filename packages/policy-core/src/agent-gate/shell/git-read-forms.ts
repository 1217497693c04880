import type { Arg, Cwds, WalkContext } from './context.js';
import { addUnknown, addWrite, argText as text } from './context.js';
import { isLongOption, withText } from './writer-call.js';

/**
 * The forms of git subcommands that write (REWRITES, format-patch) that only read: they change no
 * file in the work tree, no ref, index, setting or hook, and run no program.
 * - `git worktree list`, `git sparse-checkout list`: the other actions add, move or rewrite trees.
 * - `git bisect log`: the other actions check out commits; `run` runs a program, `visualize`
 *   starts gitk or a program it names. (git 2.39's script tries the bisect terms first, but
 *   refuses `log` as a term, and BISECT_TERMS under .git is not the agent's to write.)
 * - `git submodule` with no command (status), `status`, `summary`: git-submodule.sh takes only
 *   -q/--quiet and --cached before the command word.
 * - `git format-patch --stdout`: without it, or with -o/--output-directory/--output, it writes
 *   a file per commit, named after its subject; `--no-stdout` (any prefix) takes it back.
 */
export function gitReadForm(sub: string, words: readonly (string | undefined)[]): boolean {
  if (sub === 'worktree' || sub === 'sparse-checkout') return words[0] === 'list';
  if (sub === 'bisect') return words[0] === 'log';
  if (sub === 'submodule') {
    const command = submoduleCommand(words);
    return command === null || command === 'status' || command === 'summary';
  }
  if (sub === 'format-patch') {
    // An option, not a path (before any `--`) nor the value of the option before it
    // (`--subject-prefix --stdout`): first, or after an operand or an option that takes none.
    // Every word is read, those after a `--` too: it may itself be such a value.
    const at = words.indexOf('--stdout');
    const end = words.indexOf('--');
    const before = words[at - 1];
    return (
      at !== -1 &&
      (end === -1 || at < end) &&
      (at === 0 ||
        (before !== undefined &&
          (!before.startsWith('-') || /^-\d+$/.test(before) || NO_VALUE.has(before)))) &&
      words.every(
        (w) =>
          w !== undefined &&
          !isLongOption(w, '--no-stdout') &&
          !isLongOption(w, '--output') &&
          !/^-[^-]*o/.test(w),
      )
    );
  }
  return false;
}

/** format-patch options that take no value: `--stdout` after one is an option too. */
const NO_VALUE = new Set(['-k', '-n', '-N', '-s', '-p', '--keep-subject', '--numbered', '--signoff']);

/** The command word of `git submodule` (null: none, status), undefined when the shell decides it. */
function submoduleCommand(words: readonly (string | undefined)[]): string | null | undefined {
  const at = words.findIndex((w) => w !== '-q' && w !== '--quiet' && w !== '--cached');
  return at === -1 ? null : words[at];
}

/**
 * What the subcommands read here do, reported; whether `sub` is one of them. A form that runs a
 * program of the command's choosing (`submodule foreach`, `bisect run`) says so; the other forms
 * that write are left to the subcommand's own verdict (REWRITES: files the command does not name).
 */
export function gitForms(
  ctx: WalkContext,
  sub: string,
  rest: readonly Arg[],
  /** `gitReadForm` of these words, as the caller read it. */
  readForm: boolean,
  cwds: Cwds,
  what: string,
): boolean {
  const words = rest.map(text);
  if (sub === 'archive') gitArchive(ctx, rest, words, cwds, what);
  else if (sub === 'submodule' && submoduleCommand(words) === 'foreach')
    addUnknown(ctx, what, 'git submodule foreach runs a shell command in each submodule', 'runs-code');
  else if (sub === 'bisect' && words[0] === 'run')
    addUnknown(ctx, what, 'git bisect run runs a program on each commit it checks out', 'runs-code');
  else if (sub === 'format-patch' && !readForm)
    addUnknown(ctx, what, 'git format-patch without --stdout writes a file per commit', 'targets');
  else return readForm;
  return true;
}

/**
 * `git archive` writes the archive to standard output, or to the file `-o`/`--output` names (any
 * prefix of it, `-ofile`): a write of that file. `--remote` fetches it through a transport that
 * runs a program (ssh, a local git-upload-archive, `--exec`'s); a word only the shell knows may be
 * either, and so may a bundle of short options holding `o`.
 */
function gitArchive(
  ctx: WalkContext,
  rest: readonly Arg[],
  words: readonly (string | undefined)[],
  cwds: Cwds,
  what: string,
): void {
  for (let i = 0; i < rest.length; i++) {
    const w = words[i];
    if (w === undefined)
      return void addUnknown(
        ctx,
        what,
        'a git archive word only the shell knows may be -o or --remote',
        'targets',
      );
    if (isLongOption(w, '--remote') || isLongOption(w, '--exec'))
      return void addUnknown(
        ctx,
        what,
        'git archive --remote runs a program to fetch the archive',
        'runs-code',
      );
    let file: Arg | undefined;
    if (w === '-o' || (isLongOption(w, '--output') && !w.includes('='))) file = rest[++i];
    else if (isLongOption(w, '--output')) file = withText(rest[i]!, w.slice(w.indexOf('=') + 1));
    else if (w.startsWith('-o')) file = withText(rest[i]!, w.slice(2));
    else if (/^-[^-]*o/.test(w))
      return void addUnknown(ctx, what, `git archive ${w} writes a file the gate does not read`, 'targets');
    if (file !== undefined) addWrite(ctx, cwds, file, 'git archive --output', what);
  }
}
