import type { SqlType } from './sqlalchemy-type.js';

/**
 * A Sequelize data type as a migration writes it (`Sequelize.STRING`, `DataTypes.STRING(1024)`,
 * `Sequelize.ARRAY(Sequelize.UUID)`) read as the PostgreSQL type Sequelize's PostgreSQL dialect
 * creates for it (sequelize/sequelize packages/core/src/abstract-dialect/data-types.ts and
 * packages/postgres/src/_internal/data-types-overrides.ts, c7700944: STRING is
 * `VARCHAR(length ?? 255)`, DATE `TIMESTAMP WITH TIME ZONE`, BLOB `BYTEA`; FLOAT, REAL and DOUBLE left out: v6 and v7 send different types).
 * Anything else (ENUM, whose type Sequelize names per table; a variable; a call with options) is
 * undefined: not known.
 */
export function sequelizeSqlType(text: string): SqlType | undefined {
  // A string is sent as written (`type: "CHARACTER VARYING"`, outline/outline's first migration).
  const quoted = /^(['"])([^'"\\]*)\1$/.exec(text.trim());
  if (quoted) return writtenSqlType(quoted[2] ?? '');
  const m = /^(?:[A-Za-z_$][\w$]*\.)*([A-Z]+)(?:\(([\s\S]*)\))?$/.exec(text.replace(/\s+/g, ''));
  if (!m) return undefined;
  const [, name = '', args] = m;
  if (name === 'ARRAY') {
    const item = args === undefined ? undefined : sequelizeSqlType(args);
    return item && !item.array ? { ...item, array: true } : undefined;
  }
  const numbers = args === undefined || args === '' ? [] : args.split(',').map((a) => Number(a));
  if (numbers.some((n) => !Number.isInteger(n) || n < 0)) return undefined;
  if (name === 'STRING' && numbers.length <= 1) return { base: 'varchar', length: numbers[0] ?? 255 };
  if (name === 'CHAR' && numbers.length <= 1) return { base: 'char', length: numbers[0] ?? 255 };
  if (name === 'DECIMAL') {
    if (numbers.length === 0) return { base: 'numeric' };
    const [precision = 0, scale = 0] = numbers;
    return numbers.length <= 2 ? { base: 'numeric', precision, scale } : undefined;
  }
  const base = numbers.length === 0 ? PLAIN[name] : undefined;
  return base ? { base } : undefined;
}

/** Types without arguments, by Sequelize's name. */
const PLAIN: Record<string, string> = {
  TEXT: 'text',
  CITEXT: 'citext',
  UUID: 'uuid',
  INTEGER: 'integer',
  BIGINT: 'bigint',
  SMALLINT: 'smallint',
  BOOLEAN: 'boolean',
  DATE: 'timestamptz',
  DATEONLY: 'date',
  TIME: 'time',
  JSON: 'json',
  JSONB: 'jsonb',
  BLOB: 'bytea',
  INET: 'inet',
  CIDR: 'cidr',
  MACADDR: 'macaddr',
  TSVECTOR: 'tsvector',
  HSTORE: 'hstore',
};

/** A PostgreSQL type name as DDL writes it (`CHARACTER VARYING(255)`, `UUID`, `bytea`, `text[]`). */
function writtenSqlType(written: string): SqlType | undefined {
  let t = written.trim().toLowerCase().replace(/\s+/g, ' ');
  const array = t.endsWith('[]');
  if (array) t = t.slice(0, -2).trim();
  const m = /^([a-z][a-z0-9 ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?$/.exec(t);
  if (!m) return undefined;
  const [, name = '', a, b] = m;
  const type = writtenBase(
    name,
    a === undefined ? undefined : Number(a),
    b === undefined ? undefined : Number(b),
  );
  return type && array ? { ...type, array: true } : type;
}

function writtenBase(name: string, a: number | undefined, b: number | undefined): SqlType | undefined {
  if (name === 'character varying' || name === 'varchar')
    return b === undefined ? { base: 'varchar', ...(a === undefined ? {} : { length: a }) } : undefined;
  if (name === 'numeric' || name === 'decimal')
    return a === undefined ? { base: 'numeric' } : { base: 'numeric', precision: a, scale: b ?? 0 };
  if (a !== undefined) return undefined;
  const base = WRITTEN[name];
  return base ? { base } : undefined;
}

/** PostgreSQL's names and aliases for types without modifiers, by the name written. */
const WRITTEN: Record<string, string> = {
  text: 'text',
  citext: 'citext',
  uuid: 'uuid',
  integer: 'integer',
  int: 'integer',
  int4: 'integer',
  bigint: 'bigint',
  int8: 'bigint',
  smallint: 'smallint',
  int2: 'smallint',
  boolean: 'boolean',
  bool: 'boolean',
  date: 'date',
  'timestamp with time zone': 'timestamptz',
  timestamptz: 'timestamptz',
  json: 'json',
  jsonb: 'jsonb',
  bytea: 'bytea',
};
