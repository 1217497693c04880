import { beforeAll, describe, expect, it } from 'vitest';
import { initMigrationParsers } from '../../src/index.js';
import { readMigrationModule } from '../../src/migrations/alembic-module.js';
import type { SchemaOp } from '../../src/migrations/schema-op.js';
import { readSqlFileOps } from '../../src/migrations/sql-file-read.js';

// One step model (schema-op.ts): what a step does is its kind and its fields, whether written
// as SQL or as an Alembic op.* call; its `lock` says only how it locks (lock-facts.ts).

beforeAll(() => initMigrationParsers());

const sqlOps = (sql: string): SchemaOp[] => readSqlFileOps('m.sql', sql, 'plain');
const alembicOps = (body: string): SchemaOp[] =>
  readMigrationModule(
    'versions/0001_x.py',
    [
      'from alembic import op',
      'import sqlalchemy as sa',
      "revision = '0001'",
      'down_revision = None',
      '',
      'def upgrade():',
      `    ${body}`,
    ].join('\n'),
  ).upgrade?.ops ?? [];

/** The fields that say what a step does: everything but where it is and how it is labelled. */
const step = (op: SchemaOp | undefined) => {
  if (!op) return undefined;
  const { range, detail, source, label, ...rest } = op;
  return rest;
};

describe('one step model', () => {
  const sqlSteps: [string, Partial<SchemaOp>][] = [
    [
      'ALTER TABLE t ADD CONSTRAINT c CHECK (a IS NOT NULL) NOT VALID;',
      {
        kind: 'add_constraint',
        constraint: 'check',
        notValid: true,
        notNullColumn: 'a',
        constraintName: 'c',
      },
    ],
    ['ALTER TABLE t VALIDATE CONSTRAINT c;', { kind: 'validate_constraint', constraintName: 'c' }],
    ['ALTER TABLE t DROP CONSTRAINT c;', { kind: 'drop_constraint' }],
    ['ALTER TABLE t ALTER COLUMN a DROP NOT NULL;', { kind: 'drop_not_null', column: 'a' }],
    ['ALTER TABLE t ALTER COLUMN a SET DEFAULT 1;', { kind: 'set_default' }],
    ['ALTER TABLE t DETACH PARTITION p CONCURRENTLY;', { kind: 'detach_partition', concurrently: true }],
    ['ALTER TABLE t ENABLE TRIGGER tr;', { kind: 'alter_table', lock: { mode: 'ShareRowExclusiveLock' } }],
    ['ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE > 0);', { kind: 'add_domain_constraint' }],
    ['REINDEX TABLE t;', { kind: 'reindex', concurrently: false }],
    ['REFRESH MATERIALIZED VIEW CONCURRENTLY v;', { kind: 'refresh_view', concurrently: true }],
    ['VACUUM FULL t;', { kind: 'vacuum_full' }],
    ['CLUSTER t USING ix;', { kind: 'cluster' }],
    ["SET lock_timeout = '2s';", { kind: 'set_lock_timeout', timeoutOn: true }],
    ["SELECT set_config('lock_timeout', '0', false);", { kind: 'set_lock_timeout', timeoutOn: false }],
    ['SET lock_timeout = 2000;', { kind: 'set_lock_timeout', timeoutOn: true, timeoutMs: 2000 }],
    [
      "SET statement_timeout = '15min';",
      { kind: 'set_statement_timeout', timeoutOn: true, timeoutMs: 900_000 },
    ],
    [
      'SET LOCAL statement_timeout TO 0;',
      { kind: 'set_statement_timeout', timeoutOn: false, timeoutMs: 0, local: true },
    ],
    [
      "SELECT set_config('statement_timeout', '5s', true);",
      { kind: 'set_statement_timeout', timeoutOn: true, timeoutMs: 5000, local: true },
    ],
    ['RESET statement_timeout;', { kind: 'set_statement_timeout', timeoutOn: false }],
    [
      "SELECT set_config('statement_timeout', '2h', false);",
      { kind: 'set_statement_timeout', timeoutOn: true, timeoutMs: 7_200_000 },
    ],
    [
      'ALTER TABLE t ADD COLUMN id uuid DEFAULT gen_random_uuid() REFERENCES u (id);',
      {
        kind: 'add_column',
        defaultVolatility: 'volatile',
        volatileFunction: 'gen_random_uuid',
        columnConstraints: ['foreign_key'],
        lock: { mode: 'AccessExclusiveLock', otherTable: 'u' },
      },
    ],
  ];
  for (const [sql, expected] of sqlSteps)
    it(`names ${sql} by its kind`, () => {
      expect(step(sqlOps(sql)[0])).toMatchObject(expected);
    });

  it('leaves plain VACUUM, views and inserts as other, with no lock', () => {
    for (const sql of ['VACUUM t;', 'CREATE VIEW v AS SELECT 1;', 'INSERT INTO t VALUES (1);']) {
      const [op] = sqlOps(sql);
      expect(op?.kind).toBe('other');
      expect(op?.lock).toBeUndefined();
    }
  });

  const pairs: [string, string, string][] = [
    [
      'a foreign key',
      'ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (u_id) REFERENCES u (id);',
      'op.create_foreign_key("fk", "t", "u", ["u_id"], ["id"])',
    ],
    [
      'a check NOT VALID',
      'ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0) NOT VALID;',
      'op.create_check_constraint("ck", "t", "a > 0", postgresql_not_valid=True)',
    ],
    ['a dropped constraint', 'ALTER TABLE t DROP CONSTRAINT c;', 'op.drop_constraint("c", "t")'],
    [
      'a column made nullable',
      'ALTER TABLE t ALTER COLUMN a DROP NOT NULL;',
      'op.alter_column("t", "a", nullable=True)',
    ],
  ];
  for (const [name, sql, call] of pairs)
    it(`reads ${name} as the same kind and lock from SQL and from op.*`, () => {
      const fromSql = sqlOps(sql)[0] as SchemaOp;
      const fromOp = alembicOps(call)[0] as SchemaOp;
      expect(fromOp.kind).toBe(fromSql.kind);
      expect(fromOp.kind).not.toBe('other');
      expect(fromOp.lock).toEqual(fromSql.lock);
      for (const key of ['constraint', 'constraintName', 'notValid', 'column'] as const)
        expect(fromOp[key]).toEqual(fromSql[key]);
    });

  it("keeps only the mode and a second table in a step's lock", () => {
    const all = [
      ...sqlSteps.flatMap(([sql]) => sqlOps(sql)),
      ...pairs.flatMap(([, sql, call]) => [...sqlOps(sql), ...alembicOps(call)]),
    ];
    for (const op of all)
      for (const key of Object.keys(op.lock ?? {})) expect(['mode', 'otherTable']).toContain(key);
  });
});
