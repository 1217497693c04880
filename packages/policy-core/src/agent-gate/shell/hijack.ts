import type { WalkContext } from './context.js';
import { addUnknown } from './context.js';

/**
 * Variables that change what a later command runs or loads: the search path, startup files a
 * shell reads (`BASH_ENV=x.sh bash -c ls` runs x.sh), preloaded libraries, git's programs and
 * configuration (`GIT_SSH_COMMAND`, `GIT_CONFIG_*`), pagers and editors a tool starts, an
 * interpreter's startup code; HOME and XDG_CONFIG_HOME, where git and the shells read the user's
 * configuration (`HOME=/tmp/x git push` pushes as /tmp/x/.gitconfig says); files of options a
 * reader loads (`RIPGREP_CONFIG_PATH` may say `--pre=prog`, a lesskey file's `#env` section sets
 * LESSOPEN, and zsh reads its startup files from ZDOTDIR); bash's tables of
 * what a name runs (`BASH_CMDS[cat]=/bin/rm`, `BASH_ALIASES[ls]=…`) and the file `history -w`
 * writes; zsh's arrays tied to CDPATH and its function and module paths (`cdpath=(.github); cd
 * hooks` goes to .github/hooks) and the arrays of functions it calls by itself (`chpwd_functions`,
 * after each cd). Setting one (`X=… cmd`, `export X=…`, `printf -v X`) makes the
 * command unknown.
 */
const HIJACKING =
  /^(cdpath|fpath|module_path|(chpwd|precmd|preexec|periodic|zshexit|zshaddhistory)_functions|PATH|HOME|XDG_CONFIG_HOME|BASH_ENV|ENV|CDPATH|LD_\w+|DYLD_\w+|GIT_\w+|PAGER|MANPAGER|LESSOPEN|LESSCLOSE|LESSKEY|LESSKEYIN|LESSKEY_CONTENT|LESSKEY_SYSTEM|LESSKEYIN_SYSTEM|RIPGREP_CONFIG_PATH|TAR_OPTIONS|ZDOTDIR|EDITOR|VISUAL|SHELLOPTS|BASHOPTS|PS4|PROMPT_COMMAND|IFS|BASH_FUNC_\w+|BASH_CMDS|BASH_ALIASES|BASH_LOADABLES_PATH|HISTFILE|PYTHONPATH|PYTHONSTARTUP|PYTHONHOME|NODE_OPTIONS|NODE_PATH|PERL5OPT|PERL5LIB|RUBYOPT|RUBYLIB)$/;

export function hijackingAssignment(
  ctx: WalkContext,
  name: string | undefined,
  what: string,
  /** Assigned a list (`name=( … )`): zsh's `path=(/tmp/x $path)` is its PATH, bash's a plain array. */
  array = false,
): void {
  if (name && (HIJACKING.test(name) || (array && name === 'path')))
    addUnknown(ctx, what, `setting ${name} changes what later commands run`, 'runs-code');
}

/**
 * Functions the shell calls by itself, by their name: zsh's TRAPDEBUG before each command (and
 * the other TRAP… as their signal comes), chpwd after each cd, precmd, preexec, periodic, zshexit.
 */
export const SHELL_CALLS_FUNCTION = /^(TRAP[A-Z0-9]+|chpwd|precmd|preexec|periodic|zshexit|zshaddhistory)$/;

/**
 * A program named by a path runs what the path holds: only the system's own directories are
 * taken to hold the program the name says (`/bin/rm` is rm; `./ls` is whatever ./ls is).
 */
export function systemPath(name: string): boolean {
  return !name.includes('/') || /^\/(usr\/)?(local\/)?s?bin\/[^/]+$/.test(name);
}

/**
 * git settings that run a program (`core.pager`, `core.sshCommand`, `core.fsmonitor`,
 * `diff.external`, `filter.*`, `credential.helper`, `alias.*`) make `git -c` unknown; these
 * only change output, identity or defaults.
 */
export function harmlessGitSetting(setting: string): boolean {
  return (
    /^(color|advice|user|init|log|format|push|pull|merge|commit|tag|status|branch|diff\.(renames|algorithm|noprefix|context)|core\.(quotepath|autocrlf|safecrlf|filemode|ignorecase|abbrev))(\.|=)/i.test(
      setting,
    ) && !/^(merge|diff|filter)\.[^=]*\.(driver|command|textconv|clean|smudge|process)/i.test(setting)
  );
}

/** Options of read-only programs that run a command (`rg --pre ./x`, `fd -x rm`, `git grep -O`). */
const RUNS_A_PROGRAM: Record<string, RegExp> = {
  rg: /^--pre(=|$)/,
  // clap's options: -x/-X anywhere in a bundle (`-Hx rm`, `-xrm`: the rest is the command),
  // --exec[-batch] with or without `=`.
  fd: /^(-[a-zA-Z]*[xX]|--exec(-batch)?(=|$))/,
  bat: /^--pager(=|$)/,
  less: /^\+!|^-\+!/,
  fzf: /^--(preview|bind)(=|$)/,
};

export function readerRunsProgram(name: string, flags: readonly string[]): boolean {
  const pattern = RUNS_A_PROGRAM[name];
  return pattern !== undefined && flags.some((f) => pattern.test(f));
}
