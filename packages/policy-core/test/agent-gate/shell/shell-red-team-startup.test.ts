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

describe('shellEffects: variables that load a file of commands', () => {
  it.each(VARIABLES)('%s', async (_name, command, writes, unknown = []) => {
    const s = summarize(await shellEffects(command));
    expect(s.unreadable).toBe(false);
    expect(s.writes.sort()).toEqual([...writes].sort());
    expect([...new Set(s.unknown)].sort()).toEqual([...new Set(unknown)].sort());
  });
});
