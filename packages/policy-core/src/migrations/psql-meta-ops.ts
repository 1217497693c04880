import type { LineIndex } from '../text-position.js';
import type { PsqlMeta, PsqlScript } from './psql-script.js';
import type { SchemaOp } from './schema-op.js';
import { sqlSourceOps, unread } from './sql-text.js';

/**
 * The ops of a `.sql` file psql runs (psql-script.ts): its statements, and in their place in the
 * file what its meta-commands do. `\i` / `\ir` include a file (the analyzer follows it,
 * psql-include.ts); `\gexec` runs each value a query returns as SQL and `\!` runs a shell
 * command, neither of which any reader can see (MIG042 names them); `\copy` moves rows only.
 * `\set` has already been read: its values are in the statements that use them.
 */
export function psqlFileOps(script: PsqlScript, lines: LineIndex): SchemaOp[] {
  const statements =
    script.sql.trim() === '' ? [] : sqlSourceOps({ sql: script.sql, offsetAt: script.offsetAt, lines });
  const metas: SchemaOp[] = [];
  for (const meta of script.metas) {
    const op = metaOp(meta, lines);
    if (op) metas.push(op);
  }
  if (metas.length === 0) return statements;
  // Both lists are in file order: merged so, each meta-command where psql meets it.
  const out: SchemaOp[] = [];
  let j = 0;
  for (const op of statements) {
    while (j < metas.length && before(metas[j] as SchemaOp, op)) out.push(metas[j++] as SchemaOp);
    out.push(op);
  }
  while (j < metas.length) out.push(metas[j++] as SchemaOp);
  return out;
}

function before(a: SchemaOp, b: SchemaOp): boolean {
  const x = a.range.start;
  const y = (b.detail ?? b.range).start;
  return x.line < y.line || (x.line === y.line && x.character < y.character);
}

const INCLUDES: Record<string, boolean> = { i: false, include: false, ir: true, include_relative: true };
const UNSEEN: Record<string, string> = {
  gexec: 'runs each value its query returns as SQL, which no reader of the file can see',
  '!': 'runs a shell command, which may run anything',
};

function metaOp(meta: PsqlMeta, lines: LineIndex): SchemaOp | undefined {
  const range = lines.range(meta.start, meta.end);
  const written = `\\${meta.name}${meta.args ? ` ${meta.args}` : ''}`;
  const label = written.length > 80 ? `${written.slice(0, 77)}...` : written;
  const relative = INCLUDES[meta.name];
  if (relative !== undefined) {
    const path = firstArgument(meta.args);
    if (path === undefined)
      return { ...unread(range, `psql's ${label} names no file`), label, source: 'sql', refused: true };
    return { kind: 'other', include: { path, relative }, range, source: 'sql', label };
  }
  const unseen = UNSEEN[meta.name] ?? outputOf(meta);
  if (unseen !== undefined)
    return { ...unread(range, unseen), unfollowed: `\\${meta.name}`, source: 'sql', label };
  if (meta.name === 'copy') return { kind: 'other', dataOnly: true, range, source: 'sql', label };
  const stops = errorStop(meta);
  if (stops !== undefined) return { kind: 'other', stopsOnError: stops, range, source: 'sql', label };
  return undefined;
}

/**
 * `\set ON_ERROR_STOP <value>` / `\unset ON_ERROR_STOP`: whether psql stops at the next failed
 * statement. psql takes a boolean as any unique prefix of `true`, `false`, `yes`, `no`, `on`,
 * `off` (`on` and `off` from two letters), or `1` / `0`, in any case (ParseVariableBool), its
 * words joined and an empty value taken as `on` (the variable's substitute hook); a value it cannot
 * take it refuses, and the file goes on as before: read here as not stopping. Checked value by
 * value against the real psql (swap-psql-goes-on.test.ts).
 */
function errorStop(meta: PsqlMeta): boolean | undefined {
  const [name, ...words] = meta.args.trim().split(/\s+/);
  if (name !== 'ON_ERROR_STOP' || (meta.name !== 'set' && meta.name !== 'unset')) return undefined;
  if (meta.name === 'unset') return false;
  // psql joins \set's words into one value (`o n` is `on`), and an empty one is `on`.
  const v = words
    .map((w) => w.replace(/^'(.*)'$/, '$1'))
    .join('')
    .toLowerCase();
  if (v === '') return true;
  const prefixOf = (word: string, min: number) => v.length >= min && word.startsWith(v);
  return v === '1' || prefixOf('true', 1) || prefixOf('yes', 1) || prefixOf('on', 2);
}

/** Meta-commands that send output somewhere: `\o`, `\w`, `\g`, `\gx`, `\s`, `\lo_export` and `\copy`'s `to`. */
const OUTPUTS = new Set(['o', 'out', 'w', 'write', 'g', 'gx', 's', 'lo_export']);

/**
 * What a meta-command that writes does, when it writes outside the database: to a shell command
 * (`\o | rm f`, `\copy t to program 'rm f'`: a red team's `\o | rm slipway.yaml` removed it when
 * psql ran the file) or to a file on the machine psql runs on (`\o slipway.yaml`, `\copy t to 'f'`).
 */
function outputOf(meta: PsqlMeta): string | undefined {
  const args = meta.args.trim();
  if (meta.name === 'copy') {
    if (/\bprogram\b/i.test(args)) return 'runs a shell command for the rows it copies';
    return /\bto\s+(?!stdout\b|pstdout\b)\S/i.test(args)
      ? 'writes a file on the machine psql runs on'
      : undefined;
  }
  if (!OUTPUTS.has(meta.name) || args === '') return undefined;
  return args.startsWith('|')
    ? 'sends its output to a shell command, which may run anything'
    : 'writes a file on the machine psql runs on, which the rules do not see';
}

/** A meta-command's first argument, unquoted (`'my file.sql'`). */
function firstArgument(args: string): string | undefined {
  const m = /^'((?:[^']|'')*)'|^(\S+)/.exec(args);
  const value = m?.[1]?.replaceAll("''", "'") ?? m?.[2];
  return value === '' ? undefined : value;
}
