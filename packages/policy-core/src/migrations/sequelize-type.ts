import type { SqlType } from './sqlalchemy-type.js';

/**
 * A Sequelize data type as a migration writes it (`Sequelize.STRING`, `DataTypes.STRING(1024)`,
 * `Sequelize.ARRAY(Sequelize.UUID)`) read as the PostgreSQL type Sequelize's PostgreSQL dialect
 * creates for it (sequelize/sequelize packages/core/src/abstract-dialect/data-types.ts and
 * packages/postgres/src/_internal/data-types-overrides.ts, c7700944: STRING is
 * `VARCHAR(length ?? 255)`, DATE `TIMESTAMP WITH TIME ZONE`, BLOB `BYTEA`; the floating types in
 * floatType). A string is a type Slipway knows but does not judge (why: Sequelize 6 and 7 send
 * different types for it). Anything else (ENUM, whose type Sequelize names per table; a variable;
 * a call with options) is undefined: not known.
 */
export function sequelizeSqlType(text: string): SqlType | string | undefined {
  // A string is sent as written (`type: "CHARACTER VARYING"`, outline/outline's first migration).
  const quoted = /^(['"])([^'"\\]*)\1$/.exec(text.trim());
  if (quoted) return writtenSqlType(quoted[2] ?? '');
  const m = /^(?:[A-Za-z_$][\w$]*\.)*([A-Z]+)(?:\(([\s\S]*)\))?$/.exec(text.replace(/\s+/g, ''));
  if (!m) return undefined;
  const [, name = '', args] = m;
  if (name === 'ARRAY') {
    const item = args === undefined ? undefined : sequelizeSqlType(args);
    if (typeof item === 'string') return item;
    return item && !item.array ? { ...item, array: true } : undefined;
  }
  const numbers = args === undefined || args === '' ? [] : args.split(',').map((a) => Number(a));
  if (numbers.some((n) => !Number.isInteger(n) || n < 0)) return undefined;
  if (name === 'FLOAT' || name === 'REAL' || name === 'DOUBLE') return floatType(name, numbers);
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

/**
 * Sequelize's floating types on PostgreSQL, as 6 (v6.37.8 src/data-types.js and
 * src/dialects/postgres/data-types.js) and 7 (c7700944, 7.0.0-alpha.48: packages/core/src/
 * abstract-dialect/data-types.ts and packages/postgres/src/_internal/data-types-overrides.ts) send
 * them. REAL is `REAL` and DOUBLE `DOUBLE PRECISION` in both, their arguments dropped (6 drops a
 * length; 7 ignores precision and scale, PostgreSQL not supporting them, and throws on a precision
 * without a scale). FLOAT differs: 6 sends `FLOAT` (double precision to PostgreSQL) or `FLOAT(p)`
 * (real up to 24 bits, double precision to 53), and drops both arguments of FLOAT(p, s); 7 sends
 * `REAL` whatever its arguments. FLOAT(p) alone throws in 7, so only 6 runs it and 6 is followed;
 * FLOAT and FLOAT(p, s) run in both, as different types: not judged.
 */
function floatType(name: 'FLOAT' | 'REAL' | 'DOUBLE', numbers: number[]): SqlType | string | undefined {
  if (numbers.length > 2) return undefined;
  if (name === 'REAL') return { base: 'real' };
  if (name === 'DOUBLE') return { base: 'double precision' };
  const [p] = numbers;
  if (numbers.length === 1 && p !== undefined && p >= 1 && p <= 53)
    return { base: p <= 24 ? 'real' : 'double precision' };
  if (numbers.length === 1) return undefined;
  return `Sequelize.FLOAT${numbers.length === 2 ? `(${numbers.join(', ')})` : ''} is double precision in Sequelize 6 and real in Sequelize 7, and Slipway does not know which runs`;
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
  // PostgreSQL's float(p): real up to 24 bits of precision, double precision to 53; float alone is double.
  if (name === 'float' && a !== undefined)
    return b === undefined && a >= 1 && a <= 53 ? { base: a <= 24 ? 'real' : 'double precision' } : undefined;
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
  real: 'real',
  float4: 'real',
  'double precision': 'double precision',
  float8: 'double precision',
  float: 'double precision',
};
