import { isLongOption } from './writer-call.js';

/**
 * Each writer's long options that take a value, which may be the next word (`--suffix .bak`,
 * `install --mode 644`, `sort --output f`), as GNU getopt reads them: abbreviated too
 * (`--suf .bak`). Read as an operand, such a value took the destination's place: `cp a core/x
 * --suffix .bak` was judged as a copy to `.bak`, and `core/x` never as written. Options whose
 * value is optional are written with `=` only (`--backup=numbered`) and are not listed.
 */
const LONG_WITH_VALUE: Record<string, readonly string[]> = {
  cp: ['--suffix', '--target-directory', '--sparse', '--no-preserve'],
  mv: ['--suffix', '--target-directory'],
  ln: ['--suffix', '--target-directory'],
  install: ['--suffix', '--target-directory', '--mode', '--owner', '--group', '--strip-program'],
  touch: ['--reference', '--date', '--time'],
  truncate: ['--size', '--reference'],
  sed: ['--expression', '--file', '--line-length'],
  mkdir: ['--mode', '--context'],
  chmod: ['--reference'],
  chown: ['--reference', '--from'],
  sort: [
    '--output',
    '--buffer-size',
    '--key',
    '--field-separator',
    '--temporary-directory',
    '--compress-program',
    '--parallel',
    '--batch-size',
    '--files0-from',
    '--random-source',
    '--sort',
  ],
};

/**
 * Long options that take no value although they are a prefix of one that does: an exact match
 * wins in getopt (`install --strip` strips; `--strip-` is `--strip-program`).
 */
const EXACT_WITHOUT_VALUE: Record<string, readonly string[]> = { install: ['--strip'] };

/** Whether `word` (a long option without `=`) takes the next word as its value for `program`. */
export function longTakesValue(program: string, word: string): boolean {
  if (!word.startsWith('--') || word.includes('=')) return false;
  if (EXACT_WITHOUT_VALUE[program]?.includes(word)) return false;
  return (LONG_WITH_VALUE[program] ?? []).some((long) => isLongOption(word, long));
}

/**
 * Options with which a writer runs a program it is given (`install -s --strip-program=p` runs p
 * on each file it installs, `sort --compress-program=p` on its temporary files): code the
 * command does not show, whatever the program is.
 */
const RUNS_PROGRAM: Record<string, string> = {
  install: '--strip-program',
  sort: '--compress-program',
};

/** The option among `flags` that makes `program` run another program, if any. */
export function runsProgramOption(program: string, flags: readonly string[]): string | undefined {
  const long = RUNS_PROGRAM[program];
  if (long === undefined) return undefined;
  const exact = EXACT_WITHOUT_VALUE[program] ?? [];
  return flags.some((f) => f.startsWith('--') && !exact.includes(f) && isLongOption(f, long))
    ? long
    : undefined;
}
