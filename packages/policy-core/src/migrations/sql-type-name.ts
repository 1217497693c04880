import { asArr, asObj, type Obj } from './sql-node.js';
import { parseSql } from './sql-parser.js';

const SERIALS = new Set(['serial', 'bigserial', 'smallserial', 'serial2', 'serial4', 'serial8']);

/** A name PostgreSQL reads as written, without quotes. */
const PLAIN = /^[a-z_][a-z0-9_$]*$/;

function ident(name: string): string {
  return PLAIN.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/**
 * The SQL keywords the parser turns into `pg_catalog.<name>`, by that name: written with them, the
 * type parses back to the very same tree (a bare `int4` would be looked up on the search path).
 * `[before, after]`: the modifiers go between (`timestamp(3) with time zone`).
 */
const KEYWORD_SPELLING: Record<string, [string, string?]> = {
  int2: ['smallint'],
  int4: ['integer'],
  int8: ['bigint'],
  float4: ['real'],
  float8: ['double precision'],
  bool: ['boolean'],
  numeric: ['numeric'],
  varchar: ['varchar'],
  bpchar: ['char'],
  bit: ['bit'],
  varbit: ['bit varying'],
  timestamp: ['timestamp'],
  timestamptz: ['timestamp', ' with time zone'],
  time: ['time'],
  timetz: ['time', ' with time zone'],
  interval: ['interval'],
};

/**
 * A parsed TypeName written back as SQL that PostgreSQL's parser reads as the same TypeName
 * (`varchar(50)`, `bigint[]`, `public.citext`), for a fix that adds a column of a column's type.
 * The SQL-standard spellings the parser resolved to `pg_catalog` names are written as keywords
 * again; any other `pg_catalog` name stays qualified. Undefined where writing it back would not be
 * certain: `%TYPE`, SETOF, serial, an interval whose field list the parser encoded into a number, a
 * modifier that is not a plain integer. A name the writing gets wrong (a keyword quoted in the
 * source, `"char"`) is caught by reading it back: `typeReadsBack`.
 */
export function sqlTypeName(typeName: Obj | undefined): string | undefined {
  if (!typeName || typeName.pct_type !== undefined || typeName.setof === true) return undefined;
  const names = asArr(typeName.names).map((n) => asObj(asObj(n)?.String)?.sval);
  if (names.length === 0 || names.some((n) => typeof n !== 'string')) return undefined;
  // serial is no type: a column of it gets a sequence and a default, a new one each time.
  if (names.length === 1 && SERIALS.has(names[0] as string)) return undefined;
  const catalog =
    names.length === 2 && names[0] === 'pg_catalog' ? KEYWORD_SPELLING[names[1] as string] : undefined;
  const mods: number[] = [];
  for (const m of asArr(typeName.typmods)) {
    // An integer constant's value is left out of the tree when it is 0 (`timestamp(0)`).
    const constant = asObj(asObj(asObj(m)?.A_Const)?.ival);
    const value = constant?.ival ?? 0;
    if (!constant || typeof value !== 'number') return undefined;
    mods.push(value);
  }
  if (names[names.length - 1] === 'interval' && mods.length > 0) return undefined;
  const bounds = asArr(typeName.arrayBounds).map((b) => asObj(asObj(b)?.Integer)?.ival);
  const [name, after = ''] = catalog ?? [(names as string[]).map(ident).join('.')];
  const modText = mods.length > 0 ? `(${mods.join(', ')})` : '';
  const arrays = bounds.map((b) => (typeof b === 'number' && b >= 0 ? `[${b}]` : '[]')).join('');
  return `${name}${modText}${after}${arrays}`;
}

/**
 * Whether `written` (what sqlTypeName wrote) is its own reading: PostgreSQL's parser reads it
 * back as a TypeName that writes the same. A quoted keyword written bare (`"char"` as `char`,
 * which is character(1)), a reserved word (a type named `"user"`), fail it: the check a fix makes
 * before it puts a type into a migration.
 */
export function typeReadsBack(written: string): boolean {
  const parsed = parseSql(`CREATE TABLE t (c ${written})`);
  if (parsed.status !== 'ok' || parsed.statements.length !== 1) return false;
  const elements = asArr((parsed.statements[0] as { node: Obj }).node.tableElts);
  const def = asObj(asObj(elements[0])?.ColumnDef);
  return elements.length === 1 && sqlTypeName(asObj(def?.typeName)) === written;
}
