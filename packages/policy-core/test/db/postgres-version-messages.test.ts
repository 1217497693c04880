import { auditDatabases, DB_RULES, type DbFacts } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { facts, linearGraph, policyDoc } from './fixtures-db.js';

// DB007's findings whole: severity, place, message and the policy's postgres_version beside it.

const policyWith = (n?: number) =>
  policyDoc(
    'version: 1\nmigrations:\n  alembic: alembic/versions\n  baseline: base0001\n' +
      (n === undefined ? '' : `  postgres_version: ${n}\n`) +
      '  databases:\n    dev: { url_env: DATABASE_URL }\n    prod: { url_env: DATABASE_URL_PROD }\n',
  );
const prodRuns = (policy: number | undefined, serverVersion: DbFacts['serverVersion']) =>
  auditDatabases(
    [facts('dev'), facts('prod', { serverVersion })],
    linearGraph(),
    policyWith(policy),
    DB_RULES,
  );
const at = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});
const said = (n: number) => [
  { file: 'slipway.yaml', range: at(4, 20, 22), message: `the policy says postgres_version: ${n}` },
];
const db007 = (severity: string, message: string, line: number, related?: unknown) => ({
  rule: 'DB007',
  severity,
  message,
  file: 'slipway.yaml',
  range: at(line, 4, 8),
  ...(related ? { related } : {}),
});

describe('DB007, whole', () => {
  it('an older server: every truth it lacks, joined', () => {
    expect(prodRuns(14, { num: 100023 })).toEqual([
      db007(
        'warning',
        'Database prod (app_prod) runs PostgreSQL 10, older than migrations.postgres_version: 14: on it adding a column with a constant default rewrites the whole table (MIG028); `ALTER TYPE … ADD VALUE` fails inside a transaction block (MIG045); `SET NOT NULL` scans the table even with a validated `CHECK (c IS NOT NULL)` (MIG023), which the rules judged as not so; set `migrations.postgres_version: 10`.',
        7,
        said(14),
      ),
    ]);
  });

  it('an older server than a policy below 12: only the truths up to the policy, not those from 12 on', () => {
    expect(prodRuns(11, { num: 100023 })).toEqual([
      db007(
        'warning',
        'Database prod (app_prod) runs PostgreSQL 10, older than migrations.postgres_version: 11: on it adding a column with a constant default rewrites the whole table (MIG028), which the rules judged as not so; set `migrations.postgres_version: 10`.',
        7,
        said(11),
      ),
    ]);
  });

  it('an older server that lacks no truth the rules use', () => {
    expect(prodRuns(14, { num: 120022 })).toEqual([
      db007(
        'warning',
        'Database prod (app_prod) runs PostgreSQL 12, older than migrations.postgres_version: 14: no truth the rules use today changes between 12 and 14, but the rules judge for a newer server than this one; set `migrations.postgres_version: 12`.',
        7,
        said(14),
      ),
    ]);
  });

  it('a newer server than the policy names: information', () => {
    expect(prodRuns(15, { num: 170002 })).toEqual([
      db007(
        'info',
        'Database prod (app_prod) runs PostgreSQL 17, newer than migrations.postgres_version: 15: the rules judge for an older server than this one; fine if another environment still runs PostgreSQL 15, else set `migrations.postgres_version: 17`.',
        7,
        said(15),
      ),
    ]);
  });

  it('older than the default, which no line of the policy names', () => {
    expect(prodRuns(undefined, { num: 110000 })).toEqual([
      db007(
        'warning',
        'Database prod (app_prod) runs PostgreSQL 11, older than the default postgres_version 14: on it `ALTER TYPE … ADD VALUE` fails inside a transaction block (MIG045); `SET NOT NULL` scans the table even with a validated `CHECK (c IS NOT NULL)` (MIG023), which the rules judged as not so; set `migrations.postgres_version: 11`.',
        6,
      ),
    ]);
  });

  it('a version that could not be read', () => {
    expect(prodRuns(14, { unreadable: 'permission denied' })).toEqual([
      db007(
        'info',
        'Database prod (app_prod): its PostgreSQL version could not be read (permission denied), so it was not compared with migrations.postgres_version: 14; check that the server is PostgreSQL and that this user may read server_version_num.',
        7,
        said(14),
      ),
    ]);
  });
});
