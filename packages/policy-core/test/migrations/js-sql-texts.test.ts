import { beforeAll, describe, expect, it } from 'vitest';
import { initSqlParser } from '../../src/index.js';
import { readJsMigration } from '../../src/migrations/js-module.js';

// What trace runs of a JS migration (MigrationModule.jsSql): each literal SQL text whole, beside
// the ops it became — also when PostgreSQL's parser rejects one of its statements (trace lists
// that one and runs the rest), whichever statement comes first.
const knex = (sql: string) =>
  `exports.up = async function (knex) {\n  await knex.raw(${JSON.stringify(sql)});\n};\nexports.down = async function () {};\n`;

describe('the SQL texts of a JS migration', () => {
  beforeAll(() => initSqlParser());

  it('a text whose first statement PostgreSQL rejects is still recorded whole', () => {
    for (const sql of ['SELEC 1; CREATE TABLE x (id int);', 'CREATE TABLE x (id int); SELEC 1;']) {
      const m = readJsMigration('db/migrations/1_x.js', knex(sql), 'knex');
      expect(
        m.jsSql?.map((t) => [t.sql, t.at, t.count]),
        sql,
      ).toEqual([[sql, 0, m.upgrade?.ops.length]]);
    }
  });

  it('near miss: SQL that is not a literal records no text (its one step says why)', () => {
    const m = readJsMigration(
      'db/migrations/1_x.js',
      `exports.up = async function (knex) {\n  await knex.raw(\`DROP TABLE \${process.env.T}\`);\n};\nexports.down = async function () {};\n`,
      'knex',
    );
    expect(m.jsSql).toBeUndefined();
    expect(m.upgrade?.ops.map((o) => o.kind)).toEqual(['unread_sql']);
  });
});
