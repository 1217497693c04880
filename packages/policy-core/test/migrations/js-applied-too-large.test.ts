import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText, runCheck } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * A JS/TS migration too large to read, checked as a tree: ever-co/ever-gauzy's 2.3-2.9 MB
 * TypeORM migrations, before the `applied_through` init wrote, each gave a MIG130 error asking to
 * split a migration production already ran. History is not judged; one not yet applied still is.
 */
beforeAll(() => initSqlParser());

const OLD = 'db/migrations/20240101000000_init.js';
const BIG = 'db/migrations/20240202000000_change.js';
const NEW = 'db/migrations/20240303000000_later.js';
const up = (body: string, tail = '') =>
  `exports.up = async function (knex) {\n  ${body}\n};\nexports.down = async function (knex) {\n  await knex.raw("SELECT 1");\n};\n${tail}`;
const big = up('await knex.raw("SELECT 1");', `// ${'x'.repeat(3 * 1024 * 1024)}\n`);

function mig130(appliedThrough: string) {
  const text = `version: 1\nmigrations:\n  knex: db/migrations\n  applied_through: "${appliedThrough}"\n`;
  const policy = parsePolicyText(text, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({
    'slipway.yaml': text,
    [OLD]: up('await knex.raw("SELECT 1");'),
    [BIG]: big,
    [NEW]: up('await knex.raw("SELECT 1");'),
  });
  return runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) })
    .findings.filter((f) => f.rule === 'MIG130')
    .map((f) => f.file);
}

describe('a JS migration past the size Slipway reads', () => {
  it('already applied: no MIG130 (it is history, and cannot be split)', () => {
    expect(mig130(NEW)).toEqual([]);
  });
  it('not yet applied: MIG130 still names it', () => {
    expect(mig130(OLD)).toEqual([BIG]);
  });
});
