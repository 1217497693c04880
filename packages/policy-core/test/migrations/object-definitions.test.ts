import { beforeAll, describe, expect, it } from 'vitest';
import { initMigrationParsers } from '../../src/index.js';
import { readSqlFileOps } from '../../src/migrations/sql-file-read.js';

// What a statement makes, normalised: the same object written differently reads the same;
// written to make something else, it does not (MIG110's drop and re-create, object-definitions.ts).

beforeAll(() => initMigrationParsers());

const objectOf = (sql: string) => readSqlFileOps('m.sql', sql, 'plain').find((op) => op.object)?.object;
const definitionOf = (sql: string) => objectOf(sql)?.definition;

describe('object definitions', () => {
  const same: [string, string, string][] = [
    [
      'a view: case, spacing, comments and OR REPLACE',
      'CREATE VIEW v AS SELECT a, b FROM t WHERE a > 1;',
      'create or replace view V as\n  -- the big ones\n  select A, b from T where a>1;',
    ],
    [
      'a function: OR REPLACE, case, int for integer',
      'CREATE FUNCTION f(x integer) RETURNS integer LANGUAGE sql AS $$ SELECT x $$;',
      'CREATE OR REPLACE FUNCTION F(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;',
    ],
    [
      'an index: CONCURRENTLY, IF NOT EXISTS, USING btree',
      'CREATE INDEX ix ON t (a, b);',
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON t USING btree (a, b);',
    ],
    [
      'a constraint: NOT VALID',
      'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);',
      'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;',
    ],
  ];
  for (const [name, a, b] of same)
    it(`reads the same: ${name}`, () => {
      expect(objectOf(a)?.key).toBe(objectOf(b)?.key);
      expect(definitionOf(a)).toBeDefined();
      expect(definitionOf(a)).toBe(definitionOf(b));
    });

  const different: [string, string, string][] = [
    [
      'a view over other rows',
      'CREATE VIEW v AS SELECT a FROM t WHERE a > 1;',
      'CREATE VIEW v AS SELECT a FROM t WHERE a > 2;',
    ],
    [
      "a function's body",
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;',
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;',
    ],
    ['a unique index', 'CREATE INDEX ix ON t (a);', 'CREATE UNIQUE INDEX ix ON t (a);'],
    ['an index on another column order', 'CREATE INDEX ix ON t (a, b);', 'CREATE INDEX ix ON t (b, a);'],
    ['a partial index', 'CREATE INDEX ix ON t (a);', 'CREATE INDEX ix ON t (a) WHERE a > 0;'],
    ['an index on a qualified table', 'CREATE INDEX ix ON t (a);', 'CREATE INDEX ix ON s.t (a);'],
    [
      'a foreign key that now cascades',
      'ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES u (id);',
      'ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES u (id) ON DELETE CASCADE;',
    ],
  ];
  for (const [name, a, b] of different)
    it(`reads differently: ${name}`, () => {
      expect(definitionOf(a)).toBeDefined();
      expect(definitionOf(a)).not.toBe(definitionOf(b));
    });

  it('keys a drop as the creation it removes', () => {
    const pairs: [string, string][] = [
      ['DROP VIEW IF EXISTS s.v;', 'CREATE VIEW s.v AS SELECT 1;'],
      [
        'DROP FUNCTION f(integer);',
        'CREATE FUNCTION f(x integer) RETURNS int LANGUAGE sql AS $$ SELECT x $$;',
      ],
      ['DROP INDEX ix;', 'CREATE INDEX ix ON t (a);'],
      ['DROP TRIGGER trg ON t;', 'CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();'],
      ['ALTER TABLE t DROP CONSTRAINT c;', 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);'],
    ];
    for (const [drop, create] of pairs) {
      expect(objectOf(drop)?.made).toBe(false);
      expect(objectOf(drop)?.key).toBe(objectOf(create)?.key);
    }
    expect(objectOf('DROP VIEW IF EXISTS v;')?.guarded).toBe(true);
    expect(objectOf('CREATE OR REPLACE VIEW v AS SELECT 1;')?.guarded).toBe(true);
  });
});
