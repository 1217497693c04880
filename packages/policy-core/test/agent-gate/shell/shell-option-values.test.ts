import { describe, expect, it } from 'vitest';
import { shellEffects } from '../../../src/agent-gate/shell/index.js';
import { summarize } from './summarize.js';

/**
 * Writers' long options that take the next word as their value, and options that run a program.
 * Read as an operand, `--suffix .bak` made `.bak` the destination: `cp a core/x --suffix .bak`
 * was judged as a copy to `.bak`, and core/x never as written. Each beside its near miss.
 */
type Row = [name: string, command: string, writes: string[], unknown?: string[]];

const ROWS: Row[] = [
  // A backup suffix names where the file replaced is kept: unknown targets (copy-writers.ts).
  [
    'cp: --suffix and its value after the operands',
    'cp a core/x --suffix .bak',
    ['core/x / < a'],
    ['targets'],
  ],
  ['--suffix=.bak', 'cp a core/x --suffix=.bak', ['core/x / < a'], ['targets']],
  ['cp: --suffix abbreviated', 'cp a core/x --suf .bak', ['core/x / < a'], ['targets']],
  ['mv: --suffix', 'mv a core/x --suffix .bak', ['core/x / < a', 'a -'], ['targets']],
  ['mv -b in a cluster', 'mv -fb a core/x', ['core/x / < a', 'a -'], ['targets']],
  ['near miss: -t with a b in its value is no backup', 'cp -t.bak a', ['.bak / < a in']],
  ['install: --mode', 'install a core/x --mode 644', ['core/x / < a']],
  ['install: --owner and --group', 'install --owner root a core/x --group wheel', ['core/x / < a']],
  ['near miss: install --strip takes no value', 'install a --strip core/x', ['core/x / < a']],
  [
    'install --strip-program runs its program on what it installs',
    'install -s --strip-program=/bin/sh a out',
    ['out / < a'],
    ['runs-code'],
  ],
  [
    'install --strip-prog, abbreviated, its value the next word',
    'install -s --strip-prog /bin/sh a out',
    ['out / < a'],
    ['runs-code'],
  ],
  ['sort --output after the operands', 'sort a --output core/o', [], ['targets']],
  ['sort --out=, abbreviated', 'sort a --out=core/o', [], ['targets']],
  ['sort -o in a cluster', 'sort -uo core/o a', [], ['targets']],
  ['near miss: sort -u writes nothing', 'sort -u a', []],
  ['near miss: sort -k with an o in its value', 'sort -k1o a', []],
  ['sort --compress-program runs its program', 'sort -S 1 --compress-program=./x a', [], ['runs-code']],
  ['sort --comp, abbreviated', 'sort --comp ./x a', [], ['runs-code']],
];

describe('shellEffects: option values and programs run by writers', () => {
  it.each(ROWS)('%s', async (_name, command, writes, unknown = []) => {
    const s = summarize(await shellEffects(command));
    expect(s.unreadable).toBe(false);
    expect(s.writes.sort()).toEqual([...writes].sort());
    expect([...new Set(s.unknown)].sort()).toEqual([...new Set(unknown)].sort());
  });
});
