import type { Arg } from './context.js';

/** An option of a wrapper as GNU getopt reads it: short letters, long names (abbreviable). */
interface Option {
  short: string;
  long: readonly string[];
}

interface WrapperSpec {
  /** Short options that take a value: the rest of their word (`-Ccore`) or the next word. */
  valued: string;
  /** Long options that take a value: after `=` or the next word. */
  long?: readonly string[];
  /** Options that run the command in another folder (`env -C dir`, `sudo -D dir`). */
  chdir?: Option;
  /**
   * Options past which the command is not read: `env -S 'text'` splits text into the command
   * and its words, `time -o f` writes its report to f.
   */
  opaque?: Option;
  /** A first operand before the command (timeout's duration). */
  skipFirst?: boolean;
}

/**
 * The wrappers a command may start with, and their options as their programs read them. Read
 * as whole words only, an option hid in a bundle (`env -vS'rm f'`), an attached value
 * (`env -Ccore rm m.py`, `time -os.yaml ls`) or an abbreviation (`env --ch=core`,
 * `env --sp='rm f'`, `time --out=f`): the command after it ran elsewhere, or was another one.
 */
const WRAPPERS: Record<string, WrapperSpec> = {
  sudo: {
    valued: 'ugCDhprtUTR',
    long: ['--user', '--group', '--close-from', '--host', '--prompt', '--role', '--type', '--other-user'],
    chdir: { short: 'DR', long: ['--chdir', '--chroot'] },
  },
  doas: { valued: 'uC' },
  env: {
    valued: 'u',
    long: ['--unset'],
    chdir: { short: 'C', long: ['--chdir'] },
    opaque: { short: 'S', long: ['--split-string'] },
  },
  nice: { valued: 'n', long: ['--adjustment'] },
  nohup: { valued: '' },
  timeout: { valued: 'sk', long: ['--signal', '--kill-after'], skipFirst: true },
  command: { valued: '' },
  builtin: { valued: '' },
  exec: { valued: 'a' },
  stdbuf: { valued: 'ioe', long: ['--input', '--output', '--error'] },
  ionice: { valued: 'cnp', long: ['--class', '--classdata', '--pid'] },
  chronic: { valued: '' },
  busybox: { valued: '' },
  xargs: {
    valued: 'nILdPsaEJRS',
    long: ['--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'],
  },
  time: { valued: 'f', long: ['--format'], opaque: { short: 'o', long: ['--output'] } },
  watch: { valued: 'nd', long: ['--interval'] },
  npx: { valued: 'p', long: ['--package'] },
};

export type Unwrapped = { args: Arg[]; chdir?: boolean } | 'unknown' | undefined;

/** `word` (a long option without its `=value`) names one of `longs`, whole or abbreviated. */
function namesOne(word: string, longs: readonly string[] | undefined): boolean {
  return (longs ?? []).some((long) => long === word || (word.length >= 3 && long.startsWith(word)));
}

/** The command a wrapper runs (its arguments past the wrapper's options), when `name` is one. */
export function unwrap(name: string, rest: Arg[]): Unwrapped {
  const spec = WRAPPERS[name];
  if (!spec) return undefined;
  let i = 0;
  const chdir = () => ({ args: rest.slice(i), chdir: true });
  for (; i < rest.length; i++) {
    const v = rest[i]!.value;
    if (!v.static) return 'unknown';
    const t = v.text;
    if (t === '--') {
      i++;
      break;
    }
    if (name === 'env' && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(t) || t === '-')) continue;
    if (!t.startsWith('-') || t === '-') break;
    if (name === 'command' && /^-[vV]+$/.test(t)) return { args: [] };
    if (t.startsWith('--')) {
      const long = t.split('=')[0]!;
      if (namesOne(long, spec.chdir?.long)) return chdir();
      if (namesOne(long, spec.opaque?.long)) return 'unknown';
      if (!t.includes('=') && namesOne(long, spec.long)) i++;
      continue;
    }
    for (let k = 1; k < t.length; k++) {
      const letter = t[k]!;
      if (spec.chdir?.short.includes(letter)) return chdir();
      if (spec.opaque?.short.includes(letter)) return 'unknown';
      if (!spec.valued.includes(letter)) continue;
      if (k === t.length - 1) i++;
      break;
    }
  }
  if (spec.skipFirst) i++;
  return { args: rest.slice(i) };
}
