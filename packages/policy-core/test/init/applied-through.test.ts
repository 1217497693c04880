import { beforeAll, describe, expect, it } from 'vitest';
import { initMigrationParsers, MemoryRepo, renderPolicy, runCheck } from '../../src/index.js';
import { migration } from '../migrations/mig-source.js';
import { detectIn, initPolicy } from './init-harness.js';

beforeAll(() => initMigrationParsers());

const ALEMBIC = {
  'alembic.ini': '[alembic]\nscript_location = alembic\n',
  'alembic/env.py': '',
  'alembic/script.py.mako': '',
  'alembic/versions/0001.py': migration('0001', null, "op.drop_table('legacy')"),
  // Two heads: a branch that was never merged.
  'alembic/versions/0002.py': migration('0002', '0001', "op.drop_column('users', 'nick')"),
  'alembic/versions/0003.py': migration('0003', '0001'),
};

describe('init takes what is committed as already run, before there is a deploy record', () => {
  it('writes every Alembic head, says so, and the check of the untouched tree judges none of them', () => {
    const found = detectIn(ALEMBIC);
    expect(found.appliedThrough).toEqual(['0002', '0003']);
    expect(found.decisions).toContain(
      'alembic/versions: 3 revisions up to 0002, 0003, taken as already run in production (migrations.applied_through): their destructive and lock findings are history; correct it if production is behind',
    );
    const { text, policy } = initPolicy(found);
    expect(text).toContain('  applied_through:\n    - "0002"\n    - "0003"\n');
    const result = runCheck({
      policy,
      repo: new MemoryRepo({ ...ALEMBIC, 'slipway.yaml': text }),
      only: ['MIG'],
    });
    // The graph rules still read history: two heads are a finding whenever they were written.
    expect([...new Set(result.findings.map((f) => f.rule))]).toEqual(['MIG100']);
    expect(result.scope.notJudged[0]?.files).toHaveLength(3);
  });

  it('takes the last .sql file of each folder, numbers compared as numbers', () => {
    const sql = {
      'db/migrations/V2__b.sql': 'DROP TABLE b;\n',
      'db/migrations/V10__c.sql': 'CREATE TABLE c (id int);\n',
      'db/migrations/V9__a.sql': 'CREATE TABLE a (id int);\n',
    };
    const found = detectIn(sql);
    expect(found.sql).toEqual(['db/migrations/**/*.sql']);
    expect(found.appliedThrough).toEqual(['db/migrations/V10__c.sql']);
  });

  it('near miss: with a deploy record, the record decides and nothing is guessed', () => {
    const withRecord = { ...ALEMBIC, 'infrastructure/LAST_PROD_DEPLOY.json': '{}' };
    const found = detectIn(withRecord);
    expect(found.appliedThrough).toEqual([]);
    expect(renderPolicy(found, 'main')).not.toContain('applied_through');
  });
});
