import type { Arg } from './context.js';

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
    extra?: { deletes?: true; tree?: true; from?: Arg; lands?: 'in' | 'as' | 'contents' },
  ): void;
  unknown(why: string, kind?: 'targets' | 'runs-code'): void;
  /** Whether a program is one of the writers (find -exec). */
  isWriter(name: string): boolean;
}

export const has = (flags: string[], short: string, long?: string): boolean =>
  flags.some(
    (f) =>
      (f.startsWith('-') && !f.startsWith('--') && !f.includes('=') && f.includes(short)) ||
      (long !== undefined && f.startsWith(long)),
  );

/** The argument with another static text (a prefix of it, a suffix added). */
export function withText(arg: Arg, text: string): Arg {
  const notLiteral = arg.value.static ? arg.value.notLiteral : undefined;
  const glob = text.replace(/[*?[\]{}()!+@|\\]/g, '\\$&');
  return {
    ...arg,
    value: { static: true, text, glob, pattern: false, ...(notLiteral ? { notLiteral } : {}) },
  };
}
