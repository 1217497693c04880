import type { SqlType } from './sqlalchemy-type.js';

/**
 * Names of one type spelled two ways, as sqlTypeName leaves them: the parser writes what it reads
 * as a keyword under its SQL name (`double precision`), but a catalog name typed as such stays
 * (`float8`). Both sides of a change are read to the same name.
 */
const BASES: Record<string, string> = {
  'character varying': 'varchar',
  decimal: 'numeric',
  float8: 'double precision',
  float4: 'real',
  int8: 'bigint',
  int4: 'integer',
  int2: 'smallint',
  bool: 'boolean',
  timestamptz: 'timestamp with time zone',
  timetz: 'time with time zone',
};

/**
 * A type as sqlTypeName (sql-type-name.ts) writes it, read back into the model changesWithoutRewrite
 * judges: `varchar(100)`, `text`, `numeric(10, 2)`, `varchar(255)[]`. Another type is read as
 * itself (its text, so that the same type twice is no change), or not at all when it has
 * modifiers Slipway does not read: undefined.
 */
export function sqlTypeOfName(name: string): SqlType | undefined {
  const m = /^([a-z][a-z0-9_ ]*?)(?:\((\d+)(?:, (\d+))?\))?((?:\[\d*\])*)$/.exec(name);
  if (!m) return undefined;
  const [, raw = '', first, second, arrays = ''] = m;
  const base = BASES[raw] ?? raw;
  const array = arrays !== '' ? { array: true as const } : {};
  if (first === undefined) return { base, ...array };
  if (base === 'varchar') return second === undefined ? { base, length: Number(first), ...array } : undefined;
  if (base === 'numeric')
    return {
      base,
      precision: Number(first),
      ...(second === undefined ? {} : { scale: Number(second) }),
      ...array,
    };
  // Another type with modifiers (`char(5)`, `timestamp(3)`): the same text twice is no change.
  return { base: `${raw}(${first}${second === undefined ? '' : `, ${second}`})`, ...array };
}
