import type { Arg, Cwds, WalkContext } from './context.js';
import { addUnknown, addWrite, argText } from './context.js';
import { hijackingAssignment } from './hijack.js';
import { shellOptionEffects } from './shell-options.js';

/**
 * Builtins that write no file yet change what later commands run: those that set a variable named
 * by a word (`printf -v PATH …`, `read PATH <<< …`, `mapfile`, `getopts`), not by an assignment
 * the walk reads as one, and those whose option runs a command (`mapfile -C`, `compgen -C`/`-F`);
 * `history -w`/`-a` and `file -C`, which do write; `set` and `shopt` turning on an option that
 * changes what later words mean (shell-options.ts). Each found by a red team, run, and seen to
 * change a protected file. A name with a subscript (`printf -v 'a[$(rm f)]' x`) is evaluated as
 * arithmetic, which runs a `$( … )` it holds. Returns whether the command was read here.
 */
export function builtinEffects(
  ctx: WalkContext,
  name: string,
  rest: readonly Arg[],
  cwds: Cwds,
  what: string,
): boolean {
  const words = rest.map(argText);
  const set = (n: string | undefined) => setVariable(ctx, n, what);
  switch (name) {
    case 'printf':
      for (let i = 0; i < words.length && words[i]?.startsWith('-'); i++)
        if (words[i] === '-v') set(words[++i]);
        else if (words[i]?.startsWith('-v')) set(words[i]?.slice(2));
      return false;
    case 'read':
      for (const n of optionsAndNames(words, 'adinNptu', (opt, value) => opt === 'a' && set(value))) set(n);
      return false;
    case 'mapfile':
    case 'readarray': {
      let runs = false;
      const names = optionsAndNames(words, 'dnOsuCc', (opt) => {
        if (opt === 'C') runs = true;
      });
      if (runs) addUnknown(ctx, what, `${name} -C runs a command on the lines it reads`, 'runs-code');
      set(names[0] ?? 'MAPFILE');
      return runs;
    }
    case 'getopts':
      set(words[1]);
      return false;
    case 'compgen':
      if (words.some((w) => w === undefined || /^-[a-zA-Z]*[CF]/.test(w))) {
        addUnknown(ctx, what, 'compgen -C/-F runs a command or a function', 'runs-code');
        return true;
      }
      return false;
    case 'set':
    case 'shopt':
      shellOptionEffects(ctx, name, words, what);
      return false;
    case 'test':
    case '[':
      if (words.some((w) => w !== undefined && /^-(v|eq|ne|lt|le|gt|ge)$/.test(w)))
        ctx.marks.arithmetic = true;
      return false;
    case 'history': {
      const flags = words.filter((w) => w?.startsWith('-')).join('');
      if (!/[wa]/.test(flags)) return false;
      const file = rest.find((_a, i) => !words[i]?.startsWith('-'));
      if (file) addWrite(ctx, cwds, file, 'history -w', what);
      else addUnknown(ctx, what, 'history -w writes the file HISTFILE names', 'targets');
      return true;
    }
    case 'file':
      if (words.some((w) => w === '-C' || w === '--compile')) {
        addUnknown(ctx, what, 'file -C writes a compiled magic file where it runs', 'targets');
        return true;
      }
      return false;
    default:
      return false;
  }
}

/**
 * A builtin's variable names, past its options: `valued` are the option letters that take a value
 * (the rest of the bundle or the next word), handed to `onValue`.
 */
function optionsAndNames(
  words: readonly (string | undefined)[],
  valued: string,
  onValue: (option: string, value: string | undefined) => void,
): (string | undefined)[] {
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i];
    if (w === '--') {
      i++;
      break;
    }
    if (w === undefined || !w.startsWith('-') || w === '-') break;
    for (let k = 1; k < w.length; k++) {
      const option = w[k] as string;
      if (!valued.includes(option)) continue;
      onValue(option, k + 1 < w.length ? w.slice(k + 1) : words[++i]);
      break;
    }
  }
  return words.slice(i);
}

/**
 * A variable a builtin sets: judged as an assignment to it (`PATH` changes what later names run);
 * a subscript is arithmetic, where bash runs the `$( … )` or `` ` `` it holds; a name only the
 * shell knows may be any of them.
 */
export function setVariable(ctx: WalkContext, name: string | undefined, what: string): void {
  if (name === undefined) {
    addUnknown(
      ctx,
      what,
      'a variable named by an expansion may be one that changes what later commands run',
      'runs-code',
    );
    return;
  }
  const bracket = name.indexOf('[');
  if (bracket !== -1) {
    ctx.marks.arithmetic = true;
    if (/[$`]/.test(name.slice(bracket)))
      addUnknown(ctx, what, `bash evaluates the subscript of ${name}, running what it holds`, 'runs-code');
  }
  hijackingAssignment(ctx, bracket === -1 ? name : name.slice(0, bracket), what);
}
