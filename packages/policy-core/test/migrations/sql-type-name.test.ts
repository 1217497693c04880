import { beforeAll, describe, expect, it } from 'vitest';
import { initSqlParser, parseSql } from '../../src/migrations/sql-parser.js';
import { asArr, asObj, type Obj } from '../../src/migrations/sql-node.js';
import { sqlTypeName } from '../../src/migrations/sql-type-name.js';

beforeAll(() => initSqlParser());

/** The TypeName of `CREATE TABLE t (c <type>)` as PostgreSQL's own parser reads it. */
function typeNameOf(type: string): Obj {
  const parsed = parseSql(`CREATE TABLE t (c ${type})`);
  if (parsed.status !== 'ok') throw new Error(`${type}: ${parsed.status}`);
  const def = asObj(asObj(asArr((parsed.statements[0] as { node: Obj }).node.tableElts)[0])?.ColumnDef);
  return asObj(def?.typeName) as Obj;
}

/** The tree without its source positions, which differ between two spellings of one type. */
const shape = (node: unknown): unknown =>
  JSON.parse(JSON.stringify(node, (key, value) => (key === 'location' ? undefined : value)));

/**
 * A column's type written back (the expand/contract fix adds a column of it): what it writes,
 * parsed again by PostgreSQL's parser, is the same type — the parser, not this test, decides.
 */
describe('sqlTypeName', () => {
  it.each([
    ['integer', 'integer'],
    ['int', 'integer'],
    ['int4', 'int4'],
    ['pg_catalog.int4', 'integer'],
    ['bigint', 'bigint'],
    ['smallint', 'smallint'],
    ['real', 'real'],
    ['varchar(255)', 'varchar(255)'],
    ['character varying(40)', 'varchar(40)'],
    ['char(3)', 'char(3)'],
    ['char', 'char(1)'],
    ['timestamp(0) with time zone', 'timestamp(0) with time zone'],
    ['timestamptz', 'timestamptz'],
    ['timestamp without time zone', 'timestamp'],
    ['time(3) with time zone', 'time(3) with time zone'],
    ['time', 'time'],
    ['numeric(10, 2)', 'numeric(10, 2)'],
    ['decimal', 'numeric'],
    ['double precision', 'double precision'],
    ['float', 'double precision'],
    ['boolean', 'boolean'],
    ['bit(8)', 'bit(8)'],
    ['text[]', 'text[]'],
    ['int[3][]', 'integer[3][]'],
    ['bit varying(4)', 'bit varying(4)'],
    ['pg_catalog.text', 'pg_catalog.text'],
    ['public.citext', 'public.citext'],
    ['"MyType"', '"MyType"'],
    ['"my type"', '"my type"'],
    ['interval', 'interval'],
    ['jsonb', 'jsonb'],
    ['uuid', 'uuid'],
  ])('%s is written %s, the same type to the parser', (type, written) => {
    const node = typeNameOf(type);
    expect(sqlTypeName(node)).toBe(written);
    expect(shape(typeNameOf(written))).toEqual(shape(node));
  });

  it.each([
    ['interval day to second', 'its fields are encoded in a number'],
    ['interval(3)', 'its precision too'],
  ])('%s is not written back (%s)', (type) => {
    expect(sqlTypeName(typeNameOf(type))).toBeUndefined();
  });

  it('nothing, or a name that is not one, is not a type', () => {
    expect(sqlTypeName(undefined)).toBeUndefined();
    expect(sqlTypeName({ names: [] })).toBeUndefined();
    expect(sqlTypeName({ names: [{ String: { sval: 'users' } }], pct_type: true })).toBeUndefined();
    expect(sqlTypeName({ names: [{ String: { sval: 'int4' } }], setof: true })).toBeUndefined();
    expect(sqlTypeName({ names: [{ Integer: { ival: 1 } }] })).toBeUndefined();
    expect(
      sqlTypeName({ names: [{ String: { sval: 'int4' } }], typmods: [{ A_Const: { sval: { sval: 'x' } } }] }),
    ).toBeUndefined();
  });
});
