import { MemoryRepo, runCheck } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { migration } from '../../migrations/mig-source.js';
import { policyDoc, ready } from './mig-test-helpers.js';

beforeAll(ready);

const base = { 'alembic/versions/0001_base.py': migration('0001', null, 'pass') };

function pol002(policyText: string, files: Record<string, string>) {
  const policy = policyDoc(policyText);
  const repo = new MemoryRepo({ 'slipway.yaml': policy.text, ...files });
  return runCheck({ policy, repo, now: new Date(0) }).findings.filter((f) => f.rule === 'POL002');
}

/** A `migrations.alembic` folder that does not exist would switch the MIG checks off silently. */
describe('POL002 for migrations.alembic', () => {
  it('flags a folder that does not exist, at its value in the policy', () => {
    const found = pol002('version: 1\nmigrations:\n  alembic: alembic/version\n', base);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('`alembic/version` under `migrations.alembic` does not exist');
    expect(found[0]?.message).toContain('no migration check runs for it');
    expect(found[0]?.range.start).toEqual({ line: 2, character: 11 });
    expect(found[0]?.severity).toBe('warning');
  });

  it('flags the missing entries of a list, each at its own item', () => {
    const found = pol002(
      'version: 1\nmigrations:\n  alembic:\n    - alembic/versions\n    - services/billing/alembic/versions\n',
      base,
    );
    expect(found.map((f) => [f.message.split('`')[1], f.range.start.line])).toEqual([
      ['services/billing/alembic/versions', 4],
    ]);
  });

  it('is silent for folders that exist, written with ./ or a trailing slash', () => {
    expect(pol002('version: 1\nmigrations:\n  alembic: ./alembic/versions/\n', base)).toEqual([]);
    expect(pol002('version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n', base)).toEqual([]);
  });
});
