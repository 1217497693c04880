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

/** A row's command read: what it writes and what it leaves unknown, as the row says. */
async function judged(_name: string, command: string, writes: string[], unknown: string[] = []) {
  const s = summarize(await shellEffects(command));
  expect(s.unreadable).toBe(false);
  expect(s.writes.sort()).toEqual([...writes].sort());
  expect([...new Set(s.unknown)].sort()).toEqual([...new Set(unknown)].sort());
}

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
  it.each(ROWS)('%s', judged);

  it('reads an abbreviated --no-verify as skipping the hooks, and a -- as the end of options', async () => {
    expect((await shellEffects('git commit --no-verif -m x')).skipsHooks).toBe(true);
    expect((await shellEffects('git commit -m x -- --no-verif')).skipsHooks).toBe(false);
    expect((await shellEffects('git commit -m x')).skipsHooks).toBe(false);
  });
});

/** Builtins that change what a name runs or run code, and functions called elsewhere. */
const BUILTINS: Row[] = [
  ['BASH_CMDS[cat]= points cat at rm', 'BASH_CMDS[cat]=/bin/rm; cat f', [], ['runs-code']],
  [
    'BASH_ALIASES[ls]= makes ls an alias',
    "shopt -s expand_aliases\nBASH_ALIASES[ls]='rm f'\nls",
    [],
    ['runs-code'],
  ],
  ['printf -v PATH', 'printf -v PATH %s /tmp/evil; ls', [], ['runs-code']],
  ['read PATH', 'read PATH <<< /tmp/evil; ls', [], ['runs-code']],
  ['read -r -p x PATH', 'read -r -p x PATH <<< /tmp/evil', [], ['runs-code']],
  ['declare -n makes a reference', 'declare -n p=PATH; p=/tmp/evil; ls', [], ['runs-code']],
  ['mapfile -C runs a command', 'mapfile -C "rm f #" -c 1 a < README.md', [], ['runs-code']],
  ['compgen -C runs a command', 'compgen -C "rm f" x', [], ['runs-code']],
  ['history -w writes its file', 'history -w slipway.yaml', ['slipway.yaml']],
  ['history -w without a file writes HISTFILE', 'history -w', [], ['targets']],
  ['HISTFILE= then history', 'HISTFILE=core/m.py; history -w', [], ['runs-code', 'targets']],
  ['file -C writes a magic file', 'cd core; file -C -m /tmp/mg', [], ['targets']],
  ['arithmetic runs text: $((x))', "x='a[$(rm f)]'; echo $((x))", [], ['runs-code']],
  ['arithmetic runs text: [[ -eq ]]', "x='a[$(rm f)]'; [[ $x -eq 0 ]]", [], ['runs-code']],
  ['arithmetic runs text: test -v', "test -v 'a[$(rm f)]'", [], ['runs-code']],
  ['arithmetic runs text: printf -v subscript', "printf -v 'a[$(rm f)]' x", [], ['runs-code']],
  ['arithmetic runs text: read subscript', "read 'a[$(rm f)]' <<< x", [], ['runs-code']],
  ['arithmetic runs text: indexed assignment', "declare -a a; a['$(rm f)']=1", [], ['runs-code']],
  ['arithmetic runs text: $(( literal ))', "echo $(( 'a[$(rm f)]' ))", [], ['runs-code']],
  [
    'near miss: read, printf -v, test and arithmetic on plain text',
    "read -r line < f; printf -v out '%s' x; [[ $n -eq 0 ]]; echo $((1 + 2))",
    [],
  ],
  ['near miss: text holding $( with no arithmetic', "grep -c '$(' f; echo '`date`'", []],
  ['patch -o writes the file it names', 'patch -o slipway.yaml x p.diff', ['x'], ['targets']],
  ['patch -r writes the rejects there', 'patch -r core/m.py x bad.diff', ['x'], ['targets']],
  [
    'patch --output= and -oFILE',
    'patch --output=s.yaml x p.diff; patch -os.yaml x p.diff',
    ['x'],
    ['targets'],
  ],
  ['near miss: patch -p1 of a named file', 'patch -p1 x p.diff', ['x']],
  // A link made earlier in the same command: the disk the gate reads does not hold it yet.
  [
    'a write through a link the command made',
    "ln -s ../.. u && echo 'DROP TABLE users;' > u/r/db/002.sql",
    ['../..', '..', 'u', 'u/r/db/002.sql'],
    ['targets'],
  ],
  ['a cd into a link the command made', 'ln -s ../.. u && cd u/r && rm f', ['../..', '..', 'u'], ['cwd']],
  [
    'near miss: a link, then a write beside it',
    'ln -s ../common/a.py lib.py && echo x > notes.txt',
    ['../common/a.py', 'common/a.py', 'lib.py', 'lib.py/a.py', 'notes.txt'],
  ],
  // Read-only commands the red team saw asked about.
  [
    'tree, xxd of one file, npm ls, pnpm why',
    'tree; xxd README.md; npm ls; pnpm why vitest; yarn info x',
    [],
  ],
  ['near miss: tree -o writes', 'tree -o out.txt', [], ['unknown-program']],
  ['near miss: xxd in out writes', 'xxd in.bin out.txt', [], ['unknown-program']],
  ['near miss: npm audit fix writes', 'npm audit fix', [], ['runs-code']],
  ['a function runs where it is called', 'f(){ rm m.py; }; cd core && f', ['m.py -', 'core/m.py -']],
  // A cd that may fail leaves the next statement where it was too: both folders.
  [
    'a function named cd moves the caller',
    'cd(){ builtin cd core; }; cd; rm m.py',
    ['core/m.py -', 'm.py -'],
  ],
  ['builtin cd is the builtin', 'cd(){ echo no; }; builtin cd core; rm m.py', ['core/m.py -', 'm.py -']],
];

describe('shellEffects: builtins and functions a red team ran', () => {
  it.each(BUILTINS)('%s', judged);
});
