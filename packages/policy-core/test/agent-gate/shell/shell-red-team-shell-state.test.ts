import { describe, expect, it } from 'vitest';
import { shellEffects } from '../../../src/agent-gate/shell/index.js';
import { summarize } from './summarize.js';

/**
 * The shell's own state changing what a later word means, each run by a red team (bash, or zsh,
 * the agents' shell on a Mac) and seen to change a protected file: [name, command, writes (see
 * summarize), unknown kinds].
 */
type Row = [name: string, command: string, writes: string[], unknown?: string[]];

const OPTIONS: Row[] = [
  // `agents.*` then matches AGENTS.md: rm removes it.
  ['shopt -s nocaseglob', 'shopt -s nocaseglob; rm -f agents.*', ['agents.* * -'], ['runs-code']],
  // `cd x` with no folder x goes where $x says: `.claude`.
  [
    'shopt -s cdable_vars',
    'shopt -s cdable_vars; x=.claude; cd x && echo > s.json',
    ['x/s.json'],
    ['runs-code'],
  ],
  // Every NAME=value word is the command's environment: git runs core.fsmonitor, `rm -f f`.
  [
    'set -k',
    "set -k; git status GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.fsmonitor GIT_CONFIG_VALUE_0='rm f'",
    [],
    ['runs-code'],
  ],
  ['set -o keyword', 'set -eo keyword; ls PATH=/tmp/x', [], ['runs-code']],
  ['shopt -so keyword', 'shopt -so keyword; ls PATH=/tmp/x', [], ['runs-code']],
  // `!$` on a later line is the last word of the line before: `.claude/settings.json`.
  ['set -H', 'set -o history -H\nls .claude/s.json\necho x > !$', ['!$'], ['runs-code']],
  ['set -o histexpand', 'set -o histexpand\necho x > !!', ['!!'], ['runs-code']],
  [
    'near miss: the options scripts set',
    'set -euo pipefail; set -x; set +e; shopt -s nullglob globstar; shopt -u nocaseglob; set -- -k; rm -f a',
    ['a -'],
  ],
];

const PIPELINES: Row[] = [
  // zsh runs a pipeline's last command in the shell itself (bash too under lastpipe): its cd stays.
  ['a cd at the end of a pipeline', 'true | cd .claude; echo > s.json', ['s.json', '.claude/s.json']],
  [
    'shopt -s lastpipe, then a cd at the end',
    'shopt -s lastpipe; true | cd core && rm m.py',
    ['m.py -', 'core/m.py -'],
  ],
  ['near miss: a cd before the pipe stays in its subshell', 'cd core | true; rm m.py', ['m.py -']],
];

const LOOPS: Row[] = [
  // A loop's variable is assigned each round and keeps its last value after the loop.
  ['for PATH in', 'for PATH in /tmp/e; do ls; done', [], ['runs-code']],
  [
    'for CDPATH in, then cd',
    'for CDPATH in .github; do :; done; cd hooks && echo > a.json',
    ['hooks/a.json'],
    ['runs-code'],
  ],
  ['select CDPATH in', 'select CDPATH in .github; do break; done; cd hooks', [], ['runs-code']],
  ['near miss: for f in', 'for f in a b; do rm "$f"; done; for p in x; do ls; done', [], ['dynamic']],
];

// `${X:=v}` and `${X=v}` assign X when it is unset (CDPATH, on most machines). The shell's own
// syntax, written as `$` + `{` so that the text is not read as a template.
const D = '$';
const EXPANSIONS: Row[] = [
  ['CDPATH:= in an expansion, then cd', `: ${D}{CDPATH:=.github}; cd hooks`, [], ['runs-code']],
  ['PATH= in a quoted expansion', `echo "${D}{PATH=/tmp/e}"; ls`, [], ['runs-code']],
  [
    'near miss: defaults that assign nothing, an assignment to another name',
    `echo ${D}{X:-a} ${D}{PATH:+b}; : ${D}{N:=1}`,
    [],
  ],
];

const STACK: Row[] = [
  // `pushd +1` (and zsh's `cd +1`) goes to the directory stack's entry 1: here .claude.
  ['pushd +N turns the stack', 'cd .claude && pushd .. && pushd +1 && echo > s.json', [], ['cwd']],
  ['pushd -N turns the stack', 'cd .claude && pushd .. && pushd -0 && echo > s.json', [], ['cwd']],
  ['zsh cd +N', 'cd .claude && pushd .. && cd +1 && echo > s.json', [], ['cwd']],
  // `--` ends the options: the folder is the word after it.
  ['cd -- folder', 'cd -- core && rm m.py', ['core/m.py -']],
  // `pushd -n` only adds to the stack: the shell stays where it is.
  ['pushd -n', 'pushd -n docs && rm core/m.py', ['core/m.py -']],
  // zsh's `cd old new` goes to $PWD with old replaced by new: from docs, .claude.
  ['zsh cd old new', 'cd docs && cd docs .claude && echo > s.json', [], ['cwd']],
  ['near miss: pushd into a folder, then a write', 'pushd docs && echo > a.md', ['docs/a.md']],
];

const CODE_AS_TEXT: Row[] = [
  // eval runs its code in the shell itself: its cd stays.
  ['eval cd', 'eval "cd .claude"; echo > s.json', ['s.json', '.claude/s.json']],
  // A DEBUG trap runs before every later command, an ERR trap after each failure: a cd in one
  // leaves every later folder unknown.
  ['a DEBUG trap that cds', "trap 'cd .claude' DEBUG; echo > s.json", [], ['cwd']],
  ['an ERR trap that cds', "trap 'cd .claude' ERR; false; echo > s.json", [], ['cwd']],
  // zsh calls TRAPDEBUG before each command, chpwd after each cd, the functions its
  // *_functions arrays name likewise.
  ['a zsh TRAPDEBUG that cds', 'TRAPDEBUG() { cd .claude; }; echo > s.json', [], ['cwd']],
  ['a zsh hook array', 'chpwd_functions=(f); cd docs', [], ['runs-code']],
  ['near miss: a function that cds, never called', 'g() { cd core; }; echo > a', ['a']],
  [
    'near miss: a trap that cleans up, bash -c that cds',
    "trap 'rm -f /tmp/x' EXIT; bash -c 'cd core'; rm a",
    ['/tmp/x -', 'a -'],
  ],
];

const ZSH: Row[] = [
  // A glob's trailing (…) is zsh's qualifiers: `e:…:` runs its code for each file, `+f` calls f.
  ['a glob qualifier e:…:', "echo *(e:'rm -f AGENTS.md':)", [], ['runs-code']],
  ['a glob qualifier +cmd', 'ls d*(+f)', [], ['runs-code']],
  ['a glob qualifier (#q…)', "ls *(#qe:'rm x':)", [], ['runs-code']],
  // cdpath is zsh's CDPATH: `cd hooks` goes to .github/hooks.
  ['zsh cdpath', 'cdpath=(.github); cd hooks && echo > a.json', ['hooks/a.json'], ['runs-code']],
  ['zsh path', 'path=(/tmp/e $path); ls', [], ['runs-code']],
  // zsh's `>!` clobbers: the file is the word after the `!` (bash: a file named `!`).
  ['zsh >! and a word', 'echo x >! s.yaml', ['!', 's.yaml']],
  ['zsh >>! and a word', 'echo x >>! s.yaml', ['!', 's.yaml']],
  ['zsh >! glued', 'ls >!s.yaml', ['!s.yaml', 's.yaml']],
  ['near miss: a quoted ! is a name to both', "echo 'a!' > '!'; echo x > \\!b", ['!', '!b']],
  // `<1-9>` glued to words is a numeric glob to zsh: rm removes db/001_init.sql … (bash: input
  // from a file `1-9`, output to `_init.sql`, and `rm db/00`).
  ['a numeric glob <N-M>', 'rm db/00<1-9>_init.sql', ['_init.sql', 'db/00 -'], ['targets']],
  ['a numeric glob <->', 'rm -f db/<->.sql', ['.sql', 'db -'], ['targets']],
  ['a numeric glob with one bound', 'mv db/<5->.sql old/', ['.sql', 'db -', 'old / < db'], ['targets']],
  [
    'near miss: the same characters as redirections, apart',
    'sort < 1-9 > out.txt; sort <1-9 >out2.txt; cat <a-b>c.txt',
    ['out.txt', 'out2.txt', 'c.txt'],
  ],
  [
    'near miss: bash extglob patterns and a variable named like one',
    'ls !(docs) @(a|b) *(.); p=(a b); ls',
    [],
  ],
];

async function judged(_name: string, command: string, writes: string[], unknown: string[] = []) {
  const s = summarize(await shellEffects(command));
  expect(s.unreadable).toBe(false);
  expect(s.writes.sort()).toEqual([...writes].sort());
  expect([...new Set(s.unknown)].sort()).toEqual([...new Set(unknown)].sort());
}

describe('shellEffects: shell options that change what later words mean', () => {
  it.each(OPTIONS)('%s', judged);
});

describe("shellEffects: a pipeline's last command may run in the shell itself", () => {
  it.each(PIPELINES)('%s', judged);
});

describe("shellEffects: a loop's variable", () => {
  it.each(LOOPS)('%s', judged);
});

describe('shellEffects: an expansion that assigns', () => {
  it.each(EXPANSIONS)('%s', judged);
});

describe('shellEffects: the directory stack', () => {
  it.each(STACK)('%s', judged);
});

describe('shellEffects: code run from text in the shell itself', () => {
  it.each(CODE_AS_TEXT)('%s', judged);
});

/**
 * CDPATH the shell inherits (the hook passes its own environment's): with `CDPATH=.github`
 * exported, bash's `cd hooks && echo {} > a.json` wrote `.github/hooks/a.json`. [command,
 * writes, unknown kinds] with CDPATH set; the same command without it is the near miss.
 */
const INHERITED_CDPATH: [command: string, withCdpath: [string[], string[]], without: [string[], string[]]][] =
  [
    ['cd hooks && echo > a.json', [[], ['cwd']], [['hooks/a.json'], []]],
    ['pushd hooks && rm a.json', [[], ['cwd']], [['hooks/a.json -'], []]],
    // ./, ../ and / are never looked up in CDPATH: the folder is known either way.
    ['cd ./hooks && echo > a.json', [['hooks/a.json'], []], [['hooks/a.json'], []]],
    ['cd ../x && echo > a.json', [['../x/a.json'], []], [['../x/a.json'], []]],
    ['cd /tmp && echo > a.json', [['/tmp/a.json'], []], [['/tmp/a.json'], []]],
  ];

describe('shellEffects: a relative cd under a CDPATH the shell inherits', () => {
  it.each(INHERITED_CDPATH)('%s', async (command, [writes, unknown], [plainWrites, plainUnknown]) => {
    const withCdpath = summarize(await shellEffects(command, { cdpath: '.github' }));
    expect([withCdpath.writes, [...new Set(withCdpath.unknown)]]).toEqual([writes, unknown]);
    const without = summarize(await shellEffects(command, { cdpath: '' }));
    expect([without.writes, [...new Set(without.unknown)]]).toEqual([plainWrites, plainUnknown]);
  });
});

describe("shellEffects: zsh's glob qualifiers, tied arrays and clobbering redirections", () => {
  it.each(ZSH)('%s', judged);
});
