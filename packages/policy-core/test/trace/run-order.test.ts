import { runOrder } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

describe('runOrder: .sql migrations in the order runners apply them', () => {
  it('reads numbers by value in names and folders, and keeps text order otherwise', () => {
    const paths = [
      'db/10_orders.up.sql',
      'db/2_users.up.sql',
      'db/1_init.up.sql',
      'schema/v1.10/a.sql',
      'schema/v1.2/a.sql',
      'schema/v1.2/b.sql',
      'flyway/V10__x.sql',
      'flyway/V9__y.sql',
      'db/002_b.sql',
      'db/001_a.sql',
    ];
    expect([...paths].sort(runOrder)).toEqual([
      'db/001_a.sql',
      'db/1_init.up.sql',
      'db/002_b.sql',
      'db/2_users.up.sql',
      'db/10_orders.up.sql',
      'flyway/V9__y.sql',
      'flyway/V10__x.sql',
      'schema/v1.2/a.sql',
      'schema/v1.2/b.sql',
      'schema/v1.10/a.sql',
    ]);
    expect(runOrder('a.sql', 'a.sql')).toBe(0);
  });
});
