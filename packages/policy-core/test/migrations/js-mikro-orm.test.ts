import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText, runCheck } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJsMigration } from '../../src/migrations/js-module.js';

/**
 * MikroORM migrations (`migrations.mikro_orm`) read by the one JS reader: `this.addSql` and
 * `this.execute` SQL, a Knex builder from `this.getKnex()` read by the Knex reader, the
 * Migrator's transaction unless `isTransactional()` returns false; each way of hiding a step is
 * said (MIG042 or MIG030), and each near miss stays quiet.
 */
beforeAll(() => initSqlParser());

const POLICY = 'version: 1\nmigrations:\n  mikro_orm: src/migrations\n';
const FILE = 'src/migrations/Migration20240202000000.ts';
const INIT = `import { Migration } from '@mikro-orm/migrations';
export class Migration20240101000000 extends Migration {
  async up(): Promise<void> {
    this.addSql('create table "users" ("id" serial primary key, "email" text);');
  }
  async down(): Promise<void> {
    this.addSql('drop table "users";');
  }
}
`;
const cls = (body: string, extra = '', base = 'Migration') =>
  `import { Migration } from '@mikro-orm/migrations';\nexport class Migration20240202000000 extends ${base} {\n${extra}  async up(): Promise<void> {\n    ${body}\n  }\n  async down(): Promise<void> {\n    this.addSql('select 1');\n  }\n}\n`;

function rulesOn(text: string): string[] {
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({
    'slipway.yaml': POLICY,
    'src/migrations/Migration20240101000000.ts': INIT,
    [FILE]: text,
  });
  return runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) })
    .findings.filter((f) => f.file === FILE)
    .map((f) => f.rule);
}

/** [attack or near miss, file text, rules that must fire, rules that must not]. */
const CASES: [string, string, string[], string[]][] = [
  ['this.addSql(sql) is SQL', cls(`this.addSql('drop table "users";');`), ['MIG001'], ['MIG042']],
  [
    'a template without substitutions, and a const of the method',
    cls('const sql = `drop table "users";`\n    this.addSql(sql);'),
    ['MIG001'],
    ['MIG030', 'MIG042'],
  ],
  ['this.execute(sql) is SQL', cls(`await this.execute('drop table "users"');`), ['MIG001'], ['MIG042']],
  [
    'SQL built at run time is said, not skipped',
    cls(`this.addSql(\`drop table "\${process.env.T}";\`);`),
    ['MIG030'],
    ['MIG001'],
  ],
  ['SQL a helper builds is said', cls('this.addSql(dropAll("users"));'), ['MIG030'], ['MIG001']],
  [
    "a Knex schema builder's text handed to addSql: read by the Knex reader",
    cls(`const knex = this.getKnex();\n    this.addSql(knex.schema.dropTable('users').toQuery());`),
    ['MIG001'],
    ['MIG042'],
  ],
  [
    'this.getKnex() inline, a query builder handed to addSql',
    cls(`this.addSql(this.getKnex()('users').del());`),
    ['MIG006'],
    ['MIG042'],
  ],
  [
    'a Knex schema builder handed to addSql as itself: MikroORM sends toSQL().sql, which it lacks',
    cls(`const knex = this.getKnex();\n    this.addSql(knex.schema.dropTable('users'));`),
    ['MIG042'],
    ['MIG001'],
  ],
  [
    'a Knex builder awaited by itself runs, outside the transaction',
    cls(`const knex = this.getKnex();\n    await knex.schema.dropTable('users');`),
    ['MIG001'],
    ['MIG042'],
  ],
  [
    'a Knex query kept in a const, its delete handed to addSql: judged with its WHERE',
    cls(
      `const knex = this.getKnex();\n    const q = knex('users').where('id', 1);\n    this.addSql(q.del());`,
    ),
    [],
    ['MIG006', 'MIG030', 'MIG042'],
  ],
  [
    'a Knex query kept in a const, deleted without WHERE by itself',
    cls(`const knex = this.getKnex();\n    const q = knex('users');\n    await q.del();`),
    ['MIG006'],
    ['MIG042'],
  ],
  ['a method of the class the walk does not follow is said', cls('this.dropUsers();'), ['MIG042'], []],
  ['the migration handed on is said', cls('await helper(this);'), ['MIG042'], []],
  [
    'a base class other than Migration is said',
    cls(`this.addSql('drop table "users";');`, '', 'BaseMigration'),
    ['MIG001', 'MIG042'],
    [],
  ],
  [
    'isTransactional() deciding at run time is said',
    cls(
      `this.addSql('create index concurrently "users_email" on "users" ("email");');`,
      '  isTransactional(): boolean {\n    return process.env.TX === "1";\n  }\n',
    ),
    ['MIG021', 'MIG042'],
    [],
  ],
  [
    'near miss: reading this.config is no step',
    cls(`const schema = this.config.get('schema');\n    this.addSql('select 1');`),
    [],
    ['MIG042'],
  ],
];

describe('MikroORM migrations', () => {
  it.each(CASES)('%s', (_what, text, fire, quiet) => {
    const rules = rulesOn(text);
    for (const r of fire) expect(rules, `${r} in ${rules.join(', ')}`).toContain(r);
    for (const r of quiet) expect(rules, `${r} in ${rules.join(', ')}`).not.toContain(r);
  });
});

describe('the MikroORM reader', () => {
  it('records the file name without its extension, as MikroORM does', () => {
    const m = readJsMigration(
      'src/migrations/Migration20240202000000.ts',
      cls('this.addSql("select 1");'),
      'mikro_orm',
    );
    expect(m.revision?.value).toBe('Migration20240202000000');
    expect(
      readJsMigration('dist/migrations/Migration1.js', cls('this.addSql("select 1");'), 'mikro_orm').revision
        ?.value,
    ).toBe('Migration1');
  });

  it('runs what execute sends at once, before what addSql queued (sent after up returns)', () => {
    const m = readJsMigration(
      FILE,
      cls(
        `this.addSql('drop table "a";');\n    await this.execute('drop table "b"');\n    this.addSql('drop table "c";');`,
      ),
      'mikro_orm',
    );
    expect(m.upgrade?.ops.map((o) => o.table)).toEqual(['b', 'a', 'c']);
    // What trace runs follows the same order.
    expect(m.jsSql?.map((t) => [t.sql, t.at])).toEqual([
      ['drop table "b"', 0],
      ['drop table "a";', 1],
      ['drop table "c";', 2],
    ]);
  });

  it('is in a transaction unless isTransactional() returns false', () => {
    const sql = `this.addSql('create index concurrently "i" on "users" ("email");');`;
    const inTx = readJsMigration(FILE, cls(sql), 'mikro_orm');
    expect(inTx.upgrade?.ops.map((o) => o.inAutocommit)).toEqual([undefined]);
    const out = readJsMigration(
      FILE,
      cls(sql, '  override isTransactional(): boolean {\n    return false; // CONCURRENTLY\n  }\n'),
      'mikro_orm',
    );
    expect(out.upgrade?.ops.map((o) => o.inAutocommit)).toEqual([true]);
    const said = readJsMigration(
      FILE,
      cls(sql, '  isTransactional() {\n    return true;\n  }\n'),
      'mikro_orm',
    );
    expect(said.upgrade?.ops.map((o) => o.inAutocommit)).toEqual([undefined]);
    expect(said.upgrade?.unfollowed).toBeUndefined();
  });

  it('a Knex builder run by itself is outside the transaction; one handed to addSql is inside', () => {
    const m = readJsMigration(
      FILE,
      cls(
        `const knex = this.getKnex();\n    this.addSql(knex.schema.dropTable('a').toQuery());\n    await knex.schema.createTable('b', (t) => { t.increments('id'); });`,
      ),
      'mikro_orm',
    );
    expect(m.upgrade?.ops.map((o) => [o.kind, o.table, o.inAutocommit])).toEqual([
      ['create_table', 'b', true],
      ['drop_table', 'a', undefined],
    ]);
  });

  it("a nested function's `this` is said, not taken for the migration", () => {
    const m = readJsMigration(
      FILE,
      cls(`[1].forEach(function () { this.addSql('drop table "a";'); });`),
      'mikro_orm',
    );
    expect(m.upgrade?.ops).toEqual([]);
    expect(m.upgrade?.unfollowed?.map((u) => u.what)).toEqual([
      "`this` inside a nested function, which may not be the migration's",
    ]);
    // An arrow function's `this` is the method's.
    const arrow = readJsMigration(
      FILE,
      cls(`['a'].forEach(() => this.addSql('drop table "a";'));`),
      'mikro_orm',
    );
    expect(arrow.upgrade?.ops.map((o) => o.kind)).toEqual(['drop_table']);
  });

  it('a file without a class with up() is one MIG130; down() absent is no downgrade', () => {
    const none = readJsMigration(FILE, 'export const x = 1;\n', 'mikro_orm');
    expect(none.syntaxError?.value).toMatch(/no class with an `up\(\)` method/);
    const noDown = readJsMigration(
      FILE,
      `import { Migration } from '@mikro-orm/migrations';\nexport class M extends Migration {\n  async up() { this.addSql('select 1'); }\n}\n`,
      'mikro_orm',
    );
    expect(noDown.isMigration).toBe(true);
    expect(noDown.downgrade).toBeUndefined();
  });
});
