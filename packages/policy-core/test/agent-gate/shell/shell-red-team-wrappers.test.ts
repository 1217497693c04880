import { describe, expect, it } from 'vitest';
import { shellEffects } from '../../../src/agent-gate/shell/index.js';
import { summarize } from './summarize.js';

/**
 * Wrappers whose options a red team hid in a bundle, an attached value or an abbreviation, each
 * run and seen to remove the file: [name, command, writes (see summarize), unknown kinds].
 */
type Row = [name: string, command: string, writes: string[], unknown?: string[]];

const ROWS: Row[] = [
  ['env -S with its text attached', "env -S'rm f'", [], ['runs-code']],
  ['env -S in a bundle', "env -vS'rm f'", [], ['runs-code']],
  ['env --split-string abbreviated', "env --sp='rm f'", [], ['runs-code']],
  ['env -C with its folder attached', 'env -Ccore rm m.py', [], ['cwd']],
  ['env -C in a bundle', 'env -iCcore rm m.py', [], ['cwd']],
  ['env --chdir abbreviated', 'env --ch=core rm m.py', [], ['cwd']],
  ['time -o with its file attached', '/usr/bin/time -os.yaml ls', [], ['runs-code']],
  ['time --output abbreviated', '/usr/bin/time --out=s.yaml ls', [], ['runs-code']],
  ['sudo -D runs in a folder', 'sudo -D core rm m.py', [], ['cwd']],
  ['sudo --chdir= runs in a folder', 'sudo --chdir=core rm m.py', [], ['cwd']],
  [
    'near miss: env -i, -u X, - and A=1 before a writer',
    'env -i -u X - A=1 rm f; env -uX rm g; env --unset X rm h',
    ['f -', 'g -', 'h -'],
  ],
  [
    'near miss: time -p, nice --adjustment 5, timeout --signal KILL 5',
    '/usr/bin/time -p rm f; nice --adjustment 5 rm g; timeout --signal KILL 5 rm h',
    ['f -', 'g -', 'h -'],
  ],
  ['near miss: xargs -0n 1 reads a reader', 'ls | xargs -0n 1 grep x', []],
];

describe("shellEffects: wrappers' options as their programs read them", () => {
  it.each(ROWS)('%s', async (_name, command, writes, unknown = []) => {
    const s = summarize(await shellEffects(command));
    expect(s.unreadable).toBe(false);
    expect(s.writes.sort()).toEqual([...writes].sort());
    expect([...new Set(s.unknown)].sort()).toEqual([...new Set(unknown)].sort());
  });
});
