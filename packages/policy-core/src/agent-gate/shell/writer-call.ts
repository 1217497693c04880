import type { Arg } from './context.js';
import type { FindMatching } from './find-tests.js';

/**
 * One writer's call as writers.ts hands it to the code that reads its arguments: the arguments
 * split into options and operands, and how to report a write or an unknown part.
 */
export type Writer = (ctx: WriterCall) => void;

export interface WriterCall {
  name: string;
  args: Arg[];
  /** Options (`-r`, `--force`) and operands, split at the first `--`. */
  flags: string[];
  operands: Arg[];
  /** With `from`: `arg` is where a copy or a move of `from` lands (ShellWrite.from). */
  write(
    arg: Arg,
    how: string,
    extra?: {
      deletes?: true;
      tree?: true;
      from?: Arg;
      lands?: 'in' | 'as' | 'contents';
      content?: string;
      matching?: FindMatching;
    },
  ): void;
  /** Its standard input, when a heredoc in the command gives it whole (stdinText). */
  stdin?: string;
  unknown(why: string, kind?: 'targets' | 'runs-code'): void;
  /** Whether a program is one of the writers (find -exec). */
  isWriter(name: string): boolean;
}

/**
 * Whether the flags hold `-<short>` (alone or in a cluster) or `long`, also as GNU getopt reads
 * it: any prefix of at least `--x` (`cp --recur` is `--recursive`, `cp --t dir` is `-t dir`). An ambiguous prefix is an
 * error to the program, which then writes nothing: reading it as this option costs nothing.
 */
export const has = (flags: string[], short: string, long?: string): boolean =>
  flags.some(
    (f) =>
      (f.startsWith('-') && !f.startsWith('--') && !f.includes('=') && f.includes(short)) ||
      (long !== undefined && isLongOption(f, long)),
  );

/** `word` names the long option `long` (`--target-directory`), whole or abbreviated, maybe with `=value`. */
export function isLongOption(word: string, long: string): boolean {
  if (word.startsWith(long)) return true;
  const name = word.split('=')[0]!;
  return name.length >= 3 && name.startsWith('--') && long.startsWith(name);
}

/** The argument with another static text (a prefix of it, a suffix added). */
export function withText(arg: Arg, text: string): Arg {
  const notLiteral = arg.value.static ? arg.value.notLiteral : undefined;
  const glob = text.replace(/[*?[\]{}()!+@|\\]/g, '\\$&');
  return {
    ...arg,
    value: { static: true, text, glob, pattern: false, ...(notLiteral ? { notLiteral } : {}) },
  };
}
