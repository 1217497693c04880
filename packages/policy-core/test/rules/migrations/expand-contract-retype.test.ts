import type { Fix } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { applied, expectProven, onlyFixOf as fixOf, runAll } from './fix-proof.js';
import { ready } from './mig-test-helpers.js';
import { plain, RETYPE } from './expand-contract-cases.js';

beforeAll(ready);

/**
 * The expand/contract fix of MIG024 (a column's type changed) in .sql series: a new column of the
 * new type beside the old, filled by a trigger, backfilled; offered only for a type pair whose cast
 * keeps every value. The rename's cases: expand-contract-fixes.test.ts.
 */
describe('expand/contract for a column type change (MIG024)', () => {
  it('plain: the new column of the new type, filled one way; the contract swaps the names', () => {
    const files = plain(RETYPE);
    const fix = fixOf(files, 'MIG024') as Fix;
    expect(fix.choice).toBe(true);
    const fixed = expectProven('MIG024', files, fix);
    expect(fixed['db/migrations/002_m.sql']).toBe(
      `-- Expand/contract, step 1 of 4 (expand): "age_new" of the new type beside "age", filled from it by a trigger while code writes "age".
ALTER TABLE users ADD COLUMN age_new bigint;
CREATE FUNCTION users_age_age_new_sync() RETURNS trigger LANGUAGE plpgsql AS $slipway$
BEGIN
  NEW.age_new := NEW.age;
  RETURN NEW;
END
$slipway$;
CREATE TRIGGER users_age_age_new_sync BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_age_age_new_sync();
`,
    );
    const backfill = fixed['db/migrations/003_backfill_users_age_new.sql'] as string;
    expect(backfill).toContain('--   ALTER TABLE users RENAME COLUMN age_new TO age;\n--   COMMIT;');
    expect(backfill).toContain('create on "age_new" any index or\n-- constraint that names "age"');
  });

  // varchar(255) to text is no rewrite, so no finding (types-in-place.ts); char(10) to text is one.
  it('char(10) to text is offered (the cast keeps every value)', () => {
    const files = plain('ALTER TABLE users ALTER COLUMN code TYPE text;');
    expect(applied(files, fixOf(files, 'MIG024') as Fix)['db/migrations/002_m.sql']).toContain(
      'ALTER TABLE users ADD COLUMN code_new text;',
    );
  });

  it('PostgreSQL before 11: EXECUTE PROCEDURE', () => {
    const files = plain(RETYPE, '  postgres_version: 10\n');
    expect(applied(files, fixOf(files, 'MIG024') as Fix)['db/migrations/002_m.sql']).toContain(
      'FOR EACH ROW EXECUTE PROCEDURE users_age_age_new_sync();',
    );
  });

  it.each([
    ['a USING expression', plain('ALTER TABLE users ALTER COLUMN id TYPE bigint USING id * 2;')],
    ['a COLLATE clause', plain('ALTER TABLE users ALTER COLUMN mail TYPE text COLLATE "C";')],
    ['an interval with fields', plain('ALTER TABLE users ALTER COLUMN age TYPE interval day to second;')],
    [
      'two actions in one ALTER TABLE',
      plain('ALTER TABLE users ALTER COLUMN id TYPE bigint, ALTER COLUMN age TYPE bigint;'),
    ],
  ])('near miss, no fix: %s', (_what, files) => {
    const found = runAll(files).filter((f) => f.rule === 'MIG024');
    expect(found.length).toBeGreaterThan(0);
    expect(found.flatMap((f) => f.fixes ?? [])).toEqual([]);
  });
});
