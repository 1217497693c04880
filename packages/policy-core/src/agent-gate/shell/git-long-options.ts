import type { Arg } from './context.js';
import { argText } from './context.js';
import { withText } from './writer-call.js';

/**
 * The long options of git's subcommands the gate reads a verdict from and that make it stricter
 * (a refusal, a question). git's option parser (parse-options.c) takes any unambiguous prefix of a
 * long option for the option itself: `git commit --no-verif` skips the hooks as `--no-verify`
 * does, `git grep --open-files=sh` runs a program as `--open-files-in-pager` does. Options that
 * only make a verdict milder (`--dry-run`, `--get`) are not expanded: an abbreviation of one is
 * judged as the stricter command it might be.
 */
const STRICT = [
  '--no-verify',
  '--hard',
  '--merge',
  '--keep',
  '--force',
  '--force-with-lease',
  '--force-if-includes',
  '--mirror',
  '--all',
  '--delete',
  '--tags',
  '--prune',
  '--update-head-ok',
  '--upload-pack',
  '--receive-pack',
  '--exec',
  '--open-files-in-pager',
  '--output',
  '--output-directory',
  '--source',
  '--cached',
  '--index',
  '--file',
  '--rename-section',
  '--set-upstream',
  '--set-upstream-to',
  '--refmap',
  '--recurse-submodules',
  '--overlay',
  '--no-overlay',
  '--worktree',
  '--pathspec-from-file',
];

/** Options naming a program git runs (`git fetch --upload-pack="rm f; git-upload-pack" .`). */
export const RUNS_PROGRAM = ['--upload-pack', '--receive-pack', '--exec', '--open-files-in-pager'];

/**
 * The words after a git subcommand with each abbreviated long option written out: the option of
 * STRICT it begins (the shortest of those it begins: whichever is meant, the verdict is as strict),
 * its `=value` kept. Words after `--` are paths, left as they are.
 */
export function expandGitAbbreviations(rest: readonly Arg[]): Arg[] {
  let paths = false;
  return rest.map((a) => {
    const t = argText(a);
    if (t === '--') paths = true;
    if (paths || t === undefined || !t.startsWith('--') || t.length < 4) return a;
    const eq = t.indexOf('=');
    const name = eq === -1 ? t : t.slice(0, eq);
    if (STRICT.includes(name)) return a;
    const full = STRICT.filter((o) => o.startsWith(name)).sort((x, y) => x.length - y.length)[0];
    return full === undefined ? a : withText(a, full + (eq === -1 ? '' : t.slice(eq)));
  });
}

/** Whether `word` is one of RUNS_PROGRAM (alone or with `=value`), or grep's `-O` in a bundle. */
export function namesProgram(sub: string, word: string | undefined): boolean {
  if (word === undefined) return false;
  if (sub === 'grep' && /^-[a-zA-Z]*O/.test(word)) return true;
  return RUNS_PROGRAM.some((o) => word === o || word.startsWith(`${o}=`));
}
