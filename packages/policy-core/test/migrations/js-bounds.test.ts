import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText, runCheck } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Two ways a Knex migration could slip past the reader unseen, in process: the schema builder
 * kept in a name of its own (the walk follows the handle, not aliases of its parts: said as
 * MIG042, not read as "nothing happened"), and a file too big to read (one MIG130 naming the
 * limit, at once). Each with its near miss.
 */
beforeAll(() => initSqlParser());

const POLICY = 'version: 1\nmigrations:\n  knex: db/migrations\n';
const FILE = 'db/migrations/20240202000000_change.js';
const up = (body: string, tail = '') =>
  `exports.up = async function (knex) {\n  ${body}\n};\nexports.down = async function (knex) {\n  await knex.raw("SELECT 1");\n};\n${tail}`;

function findings(text: string) {
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({ 'slipway.yaml': POLICY, [FILE]: text });
  return runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) })
    .findings.filter((f) => f.file === FILE)
    .map((f) => ({ rule: f.rule, message: f.message }));
}

describe('an aliased schema builder', () => {
  it.each([
    ['const s = knex.schema; await s.dropTable("users");'],
    ['const schema = knex.schema;\n  schema.dropTable("users");'],
  ])('%s: MIG042 names knex.schema kept as a value', (body) => {
    const got = findings(up(body));
    expect(got.map((f) => f.rule)).toContain('MIG042');
    expect(got.find((f) => f.rule === 'MIG042')?.message).toMatch(
      /knex\.schema is kept or handed on as a value/,
    );
  });
  it('near miss: the builder called where it is read is the step itself (MIG001), no MIG042', () => {
    const got = findings(up('await knex.schema.dropTable("users");')).map((f) => f.rule);
    expect(got).toContain('MIG001');
    expect(got).not.toContain('MIG042');
  });
});

describe('a 5 MB migration', () => {
  it('one MIG130 naming the limit, read in well under a second', () => {
    const big = up('await knex.schema.dropTable("users");', `// ${'x'.repeat(5 * 1024 * 1024)}\n`);
    const started = performance.now();
    const got = findings(big);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(got).toEqual([
      {
        rule: 'MIG130',
        message: expect.stringMatching(
          /^db\/migrations\/20240202000000_change\.js is 5\.0 MB, more than the 2\.0 MB Slipway reads of one JavaScript or TypeScript migration, so it was not checked/,
        ),
      },
    ]);
  });
  it('near miss: the same migration at 1 MB is read (its drop is MIG001)', () => {
    const got = findings(up('await knex.schema.dropTable("users");', `// ${'x'.repeat(1024 * 1024)}\n`));
    expect(got.map((f) => f.rule)).toContain('MIG001');
    expect(got.map((f) => f.rule)).not.toContain('MIG130');
  });
});
