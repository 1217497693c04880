import { escapeRegex } from '../paths/glob-class.js';
import type { LayoutReader } from './layout-reader.js';

/** Files that may hold the command running the migrations: shell scripts, make and just files, Dockerfiles. */
const SCRIPT = /(^|\/)(Makefile|GNUmakefile|makefile|[Jj]ustfile|Dockerfile[^/]*|[^/]+\.(sh|bash))$/;
/** Past these, scripts are not read (init reads each file whole). */
const MAX_SCRIPTS = 200;
const MAX_CHARS = 256 * 1024;
/** `-v ON_ERROR_STOP=1`, `--set=ON_ERROR_STOP=on`, `--variable ON_ERROR_STOP=true`: psql stops at an error. */
const ERROR_STOP = /ON_ERROR_STOP\s*=\s*["']?(1|on|t|tr|tru|true|y|ye|yes)\b/i;
/** `-1` / `--single-transaction`: the file in one transaction, whose failure rolls back the rest. */
const ONE_TRANSACTION = /(^|\s)(-1|--single-transaction)(?=\s|$|["';])/;
/** psql reading a file: `-f f`, `-ff`, `--file f`, `--file=f`, or from standard input `< f`. */
const READS_FILE = /(^|\s)(-f|--file)(\s|=|["'$\w./])|\s<\s*["'$\w./]/;

/** What init reads of the scripts that run the .sql migrations with psql. */
export interface PsqlScriptRun {
  /** `path:line` of a psql command that runs them. */
  said: string;
  /** It goes on after a failed statement (no ON_ERROR_STOP, no single transaction). */
  goesOn: boolean;
}

/**
 * A psql command in the repository's scripts that runs the .sql migrations of `folders` (the
 * script names a folder by its last name, `migrations/`): the first that goes on after a failed
 * statement, else the first that stops. `psql -f` without `-v ON_ERROR_STOP=1` or
 * `--single-transaction` exits 0 after a failed statement and runs the rest of the file (a
 * script's `set -e` never sees the failure): `sql_runner: psql`. Lines ending in `\` are read
 * with the next. Undefined when no script does, or none could be read.
 */
export function psqlScriptRun(
  files: readonly string[],
  folders: readonly string[],
  reader: LayoutReader,
): PsqlScriptRun | undefined {
  const names = [...new Set(folders.map((f) => f.replace(/\/$/, '').split('/').pop() ?? ''))].filter(Boolean);
  if (names.length === 0) return undefined;
  // `migrations/…`, or a path that ends in the folder (`MIGRATIONS_DIR="$(dirname "$0")/../migrations"`).
  const alternatives = names.map(escapeRegex).join('|');
  const mentions = new RegExp(`(^|[\\s/"'$}=(])(${alternatives})/|/(${alternatives})(["'\\s]|$)`, 'm');
  let stops: PsqlScriptRun | undefined;
  const scripts = files
    .filter((f) => SCRIPT.test(f) && !/(^|\/)node_modules\//.test(f))
    .slice(0, MAX_SCRIPTS);
  for (const path of scripts) {
    const text = reader.readFile(path);
    if (text === undefined || text.length > MAX_CHARS || !text.includes('psql') || !mentions.test(text))
      continue;
    for (const { line, at } of commands(text)) {
      if (!runsPsql(line) || !READS_FILE.test(line)) continue;
      const goesOn = !ERROR_STOP.test(line) && !ONE_TRANSACTION.test(line);
      const run = { said: `${path}:${at}`, goesOn };
      if (goesOn) return run;
      stops ??= run;
    }
  }
  return stops;
}

/**
 * A line that runs psql: the word in a command of it (cut at `;`, `&&`, `||`, `|`, `$(`, a
 * backquote) that is not printed (`echo`, `printf`) or a comment. `docker exec db psql …` counts.
 */
function runsPsql(line: string): boolean {
  return line
    .replace(/(^|\s)#.*$/, '')
    .split(/;|&&|\|\||\||\$\(|`/)
    .some((c) => /(^|[\s"'(])psql(\s|$)/.test(c) && !/^\s*(echo|printf|:)(\s|$)/.test(c));
}

/** The file's lines, a line ending in `\` joined with the next; each with its first line's number. */
function commands(text: string): { line: string; at: number }[] {
  const out: { line: string; at: number }[] = [];
  let current: { line: string; at: number } | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    current = current ? { line: `${current.line} ${line}`, at: current.at } : { line, at: i + 1 };
    if (line.endsWith('\\')) current.line = current.line.slice(0, -1);
    else {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}
