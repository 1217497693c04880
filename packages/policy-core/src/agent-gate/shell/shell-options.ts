import type { WalkContext } from './context.js';
import { addUnknown } from './context.js';

/**
 * Shell options that change what a later word means, where this reader reads every word as the
 * shell does by default: `nocaseglob` (`rm agents.*` removes AGENTS.md), `cdable_vars` (`cd x`
 * goes where $x says), `keyword` (`set -k`: every NAME=value word is the command's environment,
 * `git status GIT_CONFIG_KEY_0=core.fsmonitor …` runs a program) and `histexpand` (`set -H`: `!$`
 * on a later line is the line before's last word). Each was run by a red team and seen to change a
 * protected file. Turning one on makes the command unknown; turning one off, or any other option,
 * changes nothing here (`lastpipe` keeps a pipeline's last `cd`, which walk.ts already follows).
 */
const SHOPT_OPTIONS: ReadonlySet<string> = new Set(['nocaseglob', 'cdable_vars']);
const SET_OPTIONS: ReadonlySet<string> = new Set(['keyword', 'histexpand']);
/** `set`'s letters for them: -k is -o keyword, -H is -o histexpand. */
const SET_LETTERS = /[kH]/;

export function shellOptionEffects(
  ctx: WalkContext,
  name: string,
  words: readonly (string | undefined)[],
  what: string,
): void {
  const turnedOn = name === 'set' ? setTurnsOn(words) : name === 'shopt' ? shoptTurnsOn(words) : undefined;
  if (turnedOn !== undefined)
    addUnknown(ctx, what, `${name} turns on ${turnedOn}, which changes what later words mean`, 'runs-code');
}

/** The option `set`'s words turn on among ours, read up to its first operand (`set -- -k` sets $1). */
function setTurnsOn(words: readonly (string | undefined)[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === undefined) return 'an option an expansion names';
    if (w === '--' || w === '-' || !/^[-+]/.test(w)) return undefined;
    const on = w[0] === '-';
    for (const letter of w.slice(1)) {
      if (letter === 'o') {
        const option = words[++i];
        if (option === undefined && i < words.length) return 'an option an expansion names';
        if (on && option !== undefined && SET_OPTIONS.has(option)) return option;
      } else if (on && SET_LETTERS.test(letter)) return `-${letter}`;
    }
  }
  return undefined;
}

/** The option `shopt -s` turns on among ours (`-o`: `set -o`'s names). */
function shoptTurnsOn(words: readonly (string | undefined)[]): string | undefined {
  let i = 0;
  let flags = '';
  for (; i < words.length && words[i]?.startsWith('-'); i++) flags += words[i]!.slice(1);
  if (!flags.includes('s')) return undefined;
  const ours = flags.includes('o') ? SET_OPTIONS : SHOPT_OPTIONS;
  for (const option of words.slice(i)) {
    if (option === undefined) return 'an option an expansion names';
    if (ours.has(option)) return option;
  }
  return undefined;
}
