import { describe, expect, it } from 'vitest';
import { readJsMigration } from '../../src/migrations/js-module.js';

/**
 * TypeORM migrations that support several databases pick one branch by the DataSource's type
 * (js-dialect-switch.ts): PostgreSQL runs the first `case` equal to `'postgres'`, then on until a
 * clause ends; what the other clauses do never runs there and is not read. Whenever the reader
 * cannot tell which clause runs, it reads them all.
 */
const IMPORT = "import { DatabaseTypeEnum } from '@example/config';\n";
const migration = (upBody: string, head = IMPORT) =>
  `${head}export class A1700000000000 {\n  async up(queryRunner) {\n${upBody}\n  }\n  async down() {}\n}\n`;
const read = (upBody: string, head?: string) => {
  const m = readJsMigration('src/migrations/1700000000000-A.ts', migration(upBody, head), 'typeorm');
  return {
    dropped: (m.upgrade?.ops ?? []).map((o) => o.table),
    skipped: m.jsOtherDatabase ?? [],
    unfollowed: (m.upgrade?.unfollowed ?? []).map((u) => u.what),
  };
};
const drop = (t: string) => `await queryRunner.query('DROP TABLE ${t}');`;
const ENUM_SWITCH = (
  type = 'queryRunner.connection.options.type as DatabaseTypeEnum',
) => `    switch (${type}) {
      case DatabaseTypeEnum.sqlite:
      case DatabaseTypeEnum.betterSqlite3:
        ${drop('lite')}
        break;
      case DatabaseTypeEnum.postgres:
        ${drop('pg')}
        break;
      case DatabaseTypeEnum.mysql:
        ${drop('my')}
        break;
      default:
        throw Error('Unsupported database');
    }`;

describe('a switch on the DataSource type', () => {
  it('reads only the clause PostgreSQL runs, members of an imported enum read by name', () => {
    const r = read(ENUM_SWITCH());
    expect(r.dropped).toEqual(['pg']);
    // The lines of the labels whose clauses were skipped (the last of sqlite's pair, mysql's, default's), for trace.
    expect(r.skipped).toEqual([6, 12, 15]);
    expect(r.unfollowed).toEqual([]);
  });

  it.each([
    'queryRunner.dataSource.options.type',
    '(queryRunner.connection.options.type)',
    'queryRunner.connection.options.type as string',
    // The driver's options are the DataSource's (typeorm src/driver/postgres/PostgresDriver.ts:
    // `this.options = connection.options`), as gristlabs/grist-core and SSI-SDK read the type.
    'queryRunner.connection.driver.options.type',
    'queryRunner.dataSource.driver.options.type',
  ])('the type read as %s', (type) => {
    expect(read(ENUM_SWITCH(type)).dropped).toEqual(['pg']);
  });

  it('string labels, a const bound to the type, a block clause', () => {
    const r = read(
      `    const type = queryRunner.connection.options.type;\n    switch (type) {\n      case 'sqlite': ${drop('lite')} break;\n      case 'postgres': { ${drop('pg')} break; }\n      case 'mysql': ${drop('my')} break;\n    }`,
    );
    expect(r.dropped).toEqual(['pg']);
  });

  it('a const with a type annotation bound to the type, clauses that return (SSI-SDK)', () => {
    const r = read(
      `    const dbType: DatabaseType = queryRunner.connection.driver.options.type\n    switch (dbType) {\n      case 'postgres': { ${drop('pg')} return }\n      case 'sqlite':\n      case 'expo': { ${drop('lite')} return }\n      default:\n        return Promise.reject('unsupported')\n    }`,
    );
    expect(r.dropped).toEqual(['pg']);
    expect(r.unfollowed).toEqual([]);
  });

  it('the type read into a value (grist-core): no SQL runs, nothing left unfollowed', () => {
    const r = read(
      `    const sqlite = queryRunner.connection.driver.options.type === 'sqlite';\n    await queryRunner.query(sqlite ? 'DROP TABLE lite' : 'DROP TABLE pg');`,
    );
    expect(r.unfollowed).toEqual([]);
  });

  it('near miss: the driver called, or its options handed on, stays unfollowed', () => {
    expect(
      read('    const other = queryRunner.connection.driver.createQueryRunner();').unfollowed,
    ).toHaveLength(1);
    expect(read('    const d = queryRunner.connection.driver;').unfollowed).toHaveLength(1);
  });

  it('falls through from the clause taken until one ends, as JavaScript does', () => {
    const r = read(
      `    switch (queryRunner.connection.options.type) {\n      case 'mysql': ${drop('my')} break;\n      case 'postgres': ${drop('pg')}\n      case 'cockroachdb': ${drop('crdb')} return;\n      case 'sqlite': ${drop('lite')}\n    }`,
    );
    expect(r.dropped).toEqual(['pg', 'crdb']);
  });

  it('a break under an if ends nothing: the next clause is read too (more than runs, never less)', () => {
    const r = read(
      `    switch (queryRunner.connection.options.type) {\n      case 'postgres': ${drop('pg')} if (process.env.X) break;\n      case 'sqlite': ${drop('lite')} break;\n      case 'mysql': ${drop('my')}\n    }`,
    );
    expect(r.dropped).toEqual(['pg', 'lite']);
  });

  it('no case for PostgreSQL: default runs; no default either: nothing runs', () => {
    expect(
      read(
        `    switch (queryRunner.connection.options.type) {\n      case 'sqlite': ${drop('lite')} break;\n      default: ${drop('other')}\n    }`,
      ).dropped,
    ).toEqual(['other']);
    expect(
      read(`    switch (queryRunner.connection.options.type) {\n      case 'sqlite': ${drop('lite')}\n    }`)
        .dropped,
    ).toEqual([]);
  });

  it('an if on the type, with an enum member', () => {
    const r = read(
      `    if (queryRunner.connection.options.type === DatabaseTypeEnum.sqlite) { ${drop('lite')} } else { ${drop('pg')} }`,
    );
    expect(r.dropped).toEqual(['pg']);
  });

  it.each([
    [
      'an enum declared in the file (its values there may say otherwise)',
      ENUM_SWITCH(),
      "enum DatabaseTypeEnum { postgres = 'sqlite', sqlite = 'postgres', betterSqlite3 = 'b', mysql = 'm' }\n",
    ],
    ['an enum name bound twice', ENUM_SWITCH(), `${IMPORT}const DatabaseTypeEnum = {};\n`],
    ['an enum not imported (a global, or nothing)', ENUM_SWITCH(), ''],
    ['a switch on something else', ENUM_SWITCH('process.env.DB_TYPE'), IMPORT],
    [
      'the type written to first',
      `    queryRunner.connection.options.type = 'sqlite';\n${ENUM_SWITCH()}`,
      IMPORT,
    ],
    [
      'a label before PostgreSQL’s that is not known',
      `    switch (queryRunner.connection.options.type) {\n      case someType(): ${drop('lite')} break;\n      case 'postgres': ${drop('pg')} break;\n    }`,
      IMPORT,
    ],
  ])('near miss: %s reads every clause', (_what, body, head) => {
    const r = read(body, head);
    expect(r.dropped).toContain('pg');
    expect(r.dropped.length).toBeGreaterThan(1);
    expect(r.skipped).toEqual([]);
  });
});
