import { describe, expect, it } from 'vitest';
import { shellEffects } from '../../../src/agent-gate/shell/index.js';
import { summarize } from './summarize.js';

/**
 * Commands a red team ran through the gate, each confirmed by running it (the protected file
 * changed, main moved), beside its near miss: [name, command, writes (see summarize), unknown kinds].
 * git takes any unambiguous prefix of a long option (parse-options.c), and several of its
 * options name a program it runs.
 */
type Row = [name: string, command: string, writes: string[], unknown?: string[]];

const ROWS: Row[] = [
  [
    'git ls-remote --upload-pack runs it',
    `git ls-remote --upload-pack="rm f; git-upload-pack" .`,
    [],
    ['runs-code'],
  ],
  [
    'git fetch --upload-pack runs it',
    `git fetch -q --upload-pack="rm f; git-upload-pack" .`,
    [],
    ['runs-code'],
  ],
  ['git fetch --upload-p (abbreviated)', `git fetch --upload-p="rm f; x" .`, [], ['runs-code']],
  [
    'git push --receive-pack runs it',
    `git push --receive-pack="touch p; git-receive-pack" origin work`,
    [],
    ['runs-code'],
  ],
  ['git push --exec runs it', `git push --exec=x origin work`, [], ['runs-code']],
  ['git grep --open-files (abbreviated -O)', `git grep --open-files="sed -i s/x/y/" -l x`, [], ['runs-code']],
  ['git grep -O in a bundle of short options', 'git grep -nOvim x', [], ['runs-code']],
  [
    'near miss: git fetch, ls-remote, grep -n',
    'git fetch origin && git ls-remote origin && git grep -n x',
    [],
  ],
  ['git config --file writes that file', 'git config --file=core/new.py color.ui true', ['core/new.py']],
  ['git config -f writes that file', 'git config -f CLAUDE.md color.ui true', ['CLAUDE.md']],
  ['git config --fil= (abbreviated)', 'git config --fil=CLAUDE.md color.ui true', ['CLAUDE.md']],
  ['near miss: git config --file read', 'git config --file=core/new.py --get color.ui', []],
  ['git config --rename-section arms a key', 'git config --rename-section color core', [], ['runs-code']],
  ['git config --renam (abbreviated)', 'git config --renam color core', [], ['runs-code']],
  ['git config rename-section (2.46)', 'git config rename-section color core', [], ['runs-code']],
  [
    'near miss: git config color.ui, get, list',
    'git config color.ui true; git config get color.ui; git config list',
    [],
  ],
  ['git config set core.pager (2.46)', "git config set core.pager 'rm f'", [], ['runs-code']],
];

describe('shellEffects: the red team’s programs and options', () => {
  it.each(ROWS)('%s', async (_name, command, writes, unknown = []) => {
    const s = summarize(await shellEffects(command));
    expect(s.unreadable).toBe(false);
    expect(s.writes.sort()).toEqual([...writes].sort());
    expect([...new Set(s.unknown)].sort()).toEqual([...new Set(unknown)].sort());
  });

  it('reads an abbreviated --no-verify as skipping the hooks, and a -- as the end of options', async () => {
    expect((await shellEffects('git commit --no-verif -m x')).skipsHooks).toBe(true);
    expect((await shellEffects('git commit -m x -- --no-verif')).skipsHooks).toBe(false);
    expect((await shellEffects('git commit -m x')).skipsHooks).toBe(false);
  });
});
