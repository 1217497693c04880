import type { Arg } from './context.js';
import { tarOnlyLists } from './tar-listing.js';

/**
 * Programs that write no file (whatever their arguments, bar their output to a redirect, which
 * is read on its own): readers, searchers, printers, the shell's own builtins that only set its
 * state. A program that is on no list is an unknown program: it may write anything.
 * Not here on purpose: `awk` (its `print > "f"` and `system()` write; see writers.ts), `sort`
 * and `uniq` (an output file), `tree` (`-o`) and `xxd` (an output file: readsWithoutOutput), `yq` (`-i`).
 */
export const READ_ONLY: ReadonlySet<string> = new Set([
  // builtins and shell state
  ':',
  'true',
  'false',
  'echo',
  'printf',
  'test',
  '[',
  'read',
  'mapfile',
  'readarray',
  'shopt',
  'compgen',
  'disown',
  'bg',
  'fg',
  'times',
  'local',
  'set',
  'unset',
  'shift',
  'export',
  'type',
  'wait',
  'jobs',
  'exit',
  'return',
  'break',
  'continue',
  'ulimit',
  'umask',
  'getopts',
  'history',
  'dirs',
  'kill',
  'sleep',
  'which',
  'whereis',
  'whoami',
  'id',
  'groups',
  'date',
  'uname',
  'hostname',
  'printenv',
  'pwd',
  'tty',
  'ps',
  'uptime',
  'nproc',
  'free',
  'locale',
  // readers and searchers
  'ls',
  'cat',
  'head',
  'tail',
  'less',
  'more',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'ag',
  'ack',
  'wc',
  'cut',
  'tr',
  'nl',
  'tac',
  'rev',
  'fold',
  'column',
  'paste',
  'join',
  'expand',
  'unexpand',
  'fmt',
  'pr',
  'diff',
  'cmp',
  'comm',
  'file',
  'stat',
  'du',
  'df',
  'basename',
  'dirname',
  'realpath',
  'readlink',
  'jq',
  'od',
  'hexdump',
  'strings',
  'base64',
  'md5sum',
  'sha1sum',
  'sha256sum',
  'sha512sum',
  'cksum',
  'seq',
  'yes',
  'expr',
  'bc',
  'numfmt',
  'lsof',
  'fd',
  'fzf',
  'bat',
  'look',
  'zcat',
  'zgrep',
  'lsblk',
]);

/** Shells: `-c 'code'` is read as a command of its own; a script file is code Slipway does not read. */
export const SHELLS: ReadonlySet<string> = new Set([
  'bash',
  'sh',
  'zsh',
  'dash',
  'ksh',
  'mksh',
  'ash',
  'fish',
]);

/** Interpreters: `-c`/`-e` code and scripts run code that may write anything. */
export const INTERPRETERS: ReadonlySet<string> = new Set([
  'python',
  'python3',
  'node',
  'perl',
  'ruby',
  'php',
  'deno',
  'bun',
  'lua',
  'Rscript',
  'osascript',
  'tclsh',
  'pwsh',
  'java',
  'go',
  'cargo',
  'dotnet',
  'gradle',
  'mvn',
  'make',
  'cmake',
  'ninja',
  'tsx',
  'ts-node',
]);

/** Package managers and task runners: a script of the project's runs (see isReadOnlyRunner for tests). */
export const RUNNERS: ReadonlySet<string> = new Set([
  'npm',
  'pnpm',
  'yarn',
  'npx',
  'bunx',
  'pip',
  'pip3',
  'uv',
  'poetry',
  'tox',
  'nox',
  'just',
  'task',
]);

/** Package managers' subcommands that only report (`npm ls`, `pnpm why`, `yarn info`, `npm -v`). */
const PACKAGE_READERS = new Set([
  'ls',
  'list',
  'll',
  'la',
  'why',
  'explain',
  'view',
  'info',
  'show',
  'outdated',
  'audit',
  '--version',
  '-v',
]);

/**
 * Readers that write only a file an option or a second operand names: `tree` (`-o f`), `xxd`
 * (`xxd in out`). Without one, they only read. And `tar` that only lists (tar-listing.ts).
 */
export function readsWithoutOutput(name: string, rest: readonly Arg[]): boolean {
  const words = rest.map((a) => (a.value.static ? a.value.text : undefined));
  if (words.some((w) => w === undefined)) return false;
  if (name === 'tree') return !words.some((w) => /^-[a-zA-Z]*o|^--output/.test(w ?? ''));
  if (name === 'tar') return tarOnlyLists(words as string[]);
  if (name === 'xxd') {
    const operands = words.filter((w) => !w?.startsWith('-') || w === '-');
    return operands.length <= 1 && !words.some((w) => /^-(c|g|l|o|s|n)$/.test(w ?? ''));
  }
  return false;
}

/**
 * Test and check runners taken as writing no file the gate names, although they run the
 * project's code (which may write anything, caches and reports at least): the gate guards the
 * files an agent changes, and the code they run is itself written through the gate. `--fix`,
 * `--write`, `-u`/`--update` (snapshots) turn each into a writer of files it does not name.
 * A package manager's reports (PACKAGE_READERS) run nothing of the project's and write nothing.
 */
export function isReadOnlyRunner(name: string, rest: readonly Arg[]): boolean {
  const words = rest.map((a) => (a.value.static ? a.value.text : undefined));
  if (words.some((w) => w === undefined || /^(--fix|--write|-u|--update|--updateSnapshot|-w)$/.test(w)))
    return false;
  const [a, b, c] = words as string[];
  if (name === 'pytest' || name === 'vitest' || name === 'jest' || name === 'mypy' || name === 'pyright')
    return true;
  if (name === 'tsc') return words.includes('--noEmit');
  if ((name === 'ruff' || name === 'eslint' || name === 'biome') && a !== 'format')
    return name !== 'biome' || a === 'check' || a === 'lint';
  if (/^python(\d(\.\d+)?)?$/.test(name)) return a === '-m' && /^(pytest|unittest|mypy)$/.test(b ?? '');
  if (name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'bun')
    return (
      a === 'test' ||
      a === 't' ||
      (a === 'run' && b === 'test') ||
      (a === 'exec' && (b === 'vitest' || b === 'jest') && c !== 'watch') ||
      // What is installed, and why: nothing written (`npm audit fix` writes; `--fix` is refused above).
      (PACKAGE_READERS.has(a ?? '') && b !== 'fix')
    );
  if (name === 'npx' || name === 'bunx')
    return a === 'vitest' || a === 'jest' || (a === 'tsc' && words.includes('--noEmit'));
  if (name === 'go') return a === 'test' || a === 'vet' || a === 'version' || a === 'env';
  if (name === 'cargo') return a === 'test' || a === 'check' || a === 'clippy';
  if (name === 'node' || name === 'python' || name === 'python3') return a === '--version' || a === '-V';
  return false;
}
