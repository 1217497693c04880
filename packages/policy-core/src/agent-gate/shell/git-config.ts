import type { Arg, Cwds, WalkContext } from './context.js';
import { addUnknown, addWrite, argText as text } from './context.js';
import { PUSH_SETTING } from './git-push.js';
import { harmlessGitSetting } from './hijack.js';
import { withText } from './writer-call.js';

/** Options (old style) and subcommands (git 2.46's `git config get …`) that only read or remove keys. */
const READS =
  /^(--get|--get-all|--get-regexp|--get-urlmatch|--get-color|--get-colorbool|-l|--list|--show-origin|--show-scope|--unset|--unset-all|--remove-section)/;
const READ_SUBCOMMANDS = new Set(['get', 'list', 'unset', 'remove-section']);

/**
 * `git config`: a key git runs as a program (core.pager, core.fsmonitor, alias.x …) set now arms
 * a later git command; a section renamed (`--rename-section color core`, `rename-section`) moves
 * keys that were harmless where they stood under any name; `--file <path>` (`-f`) writes that
 * file, wherever it is (`git config --file=core/new.py x.y z` makes a protected file).
 */
export function gitConfig(ctx: WalkContext, rest: readonly Arg[], cwds: Cwds, what: string): void {
  const words = rest.map(text);
  let file: Arg | undefined;
  const ops: (string | undefined)[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = words[i];
    if (w === '--file' || w === '-f') file = rest[++i];
    else if (w?.startsWith('--file=')) file = withText(rest[i]!, w.slice('--file='.length));
    else if (w === undefined || !w.startsWith('-')) ops.push(w);
  }
  const subcommand =
    ops[0] !== undefined && /^[a-z-]+$/.test(ops[0]) && !ops[0].includes('.') ? ops[0] : undefined;
  const reads =
    words.some((w) => w !== undefined && READS.test(w)) ||
    (subcommand !== undefined && READ_SUBCOMMANDS.has(subcommand));
  if (reads) return;
  if (subcommand === 'rename-section' || words.includes('--rename-section'))
    return void addUnknown(
      ctx,
      what,
      'git config renames a section: its keys may become ones git runs as programs',
      'runs-code',
    );
  if (file !== undefined && ops.length >= 1) addWrite(ctx, cwds, file, 'git config --file', what);
  if (subcommand === 'edit' || words.includes('--edit') || words.includes('-e'))
    return void addUnknown(ctx, what, 'git config --edit runs an editor on the settings', 'runs-code');
  const [key, value] = subcommand === 'set' ? ops.slice(1) : ops;
  if (ops.length < 2 || (subcommand === 'set' && value === undefined)) return;
  if (key === undefined || PUSH_SETTING.test(`${key}=`))
    ctx.effects.pushSettings.push(
      /^push\.default$/i.test(key ?? '') ? `git config ${key} ${value}` : `git config ${key ?? '…'}`,
    );
  if (key === undefined || !harmlessGitSetting(`${key}=`))
    addUnknown(ctx, what, `git config ${key ?? '…'} sets a value git may run as a program`, 'runs-code');
}
