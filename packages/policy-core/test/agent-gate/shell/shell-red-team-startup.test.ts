import { describe, expect, it } from 'vitest';
import { shellEffects } from '../../../src/agent-gate/shell/index.js';
import { summarize } from './summarize.js';

/**
 * Files a reader or a shell loads before it does what its words say, named by a variable or an
 * option, each run by a red team and seen to remove a file: [name, command, writes, unknown kinds].
 */
type Row = [name: string, command: string, writes: string[], unknown?: string[]];

const VARIABLES: Row[] = [
  // A config file's `--pre=prog` line runs prog on every file rg searches.
  ['RIPGREP_CONFIG_PATH before rg', 'RIPGREP_CONFIG_PATH=/tmp/rc rg x', [], ['runs-code']],
  ['export RIPGREP_CONFIG_PATH, then rg', 'export RIPGREP_CONFIG_PATH=/tmp/rc; rg x', [], ['runs-code']],
  // A lesskey file's #env section sets LESSOPEN, which less runs on the file it shows.
  ['LESSKEYIN before less', 'LESSKEYIN=/tmp/k less README.md', [], ['runs-code']],
  ['env LESSKEY before less', 'env LESSKEY=/tmp/k less README.md', [], ['runs-code']],
  ['LESSKEY_CONTENT before less', "LESSKEY_CONTENT='#env' less README.md", [], ['runs-code']],
  ['near miss: LESS and RIPGREP_COLOR settings', 'LESS=-R less README.md; RG_X=1 rg x', []],
];

/**
 * A shell reads its options up to its first operand: with `-c` that is the code, without it a
 * script, and a `-c` after it is the script's own argument. `--rcfile f` runs f first.
 */
const SHELL_WORDS: Row[] = [
  ['a script before -c', 'bash /tmp/e.sh -c ls', [], ['runs-code']],
  ['a script after -x, before -c', "sh -x /tmp/e.sh -c 'ls'", [], ['runs-code']],
  ['a script after a lone -', 'bash - /tmp/e.sh -c ls', [], ['runs-code']],
  ['--rcfile runs its file', 'bash --rcfile /tmp/e.sh -ic ls', [], ['runs-code']],
  ['--init-file runs its file', 'bash --init-file /tmp/e.sh -i -c ls', [], ['runs-code']],
  ['fish -C runs its command first', "fish -C 'rm f' -c ls", [], ['runs-code']],
  [
    'near miss: options before -c, -o with its value, code after options',
    "bash -o pipefail -c 'rm f'; bash -oc pipefail 'rm g'; bash -c -e 'rm h'; sh -ec 'rm i' x",
    ['f -', 'g -', 'h -', 'i -'],
  ],
];

async function judged(_name: string, command: string, writes: string[], unknown: string[] = []) {
  const s = summarize(await shellEffects(command));
  expect(s.unreadable).toBe(false);
  expect(s.writes.sort()).toEqual([...writes].sort());
  expect([...new Set(s.unknown)].sort()).toEqual([...new Set(unknown)].sort());
}

describe('shellEffects: variables that load a file of commands', () => {
  it.each(VARIABLES)('%s', judged);
});

describe("shellEffects: a shell's words, read as the shell reads them", () => {
  it.each(SHELL_WORDS)('%s', judged);
});
