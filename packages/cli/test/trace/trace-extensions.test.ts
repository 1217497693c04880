import { buildTracePlan, initMigrationParsers, renderTraceText, traceExtensions } from '@slipway/policy-core';
import { runTracePlan } from '@slipway/policy-core/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTraceDb } from '../../src/trace/open-trace-db.js';

/**
 * Contrib extensions on the real embedded PostgreSQL. A history that creates citext and hstore
 * and uses their types failed at its CREATE EXTENSION, and every table after it with it; and a
 * TypeORM history (`DEFAULT uuid_generate_v4()`, the extension made by TypeORM's driver, never by
 * a migration) failed at every table.
 */
const WITH_EXTENSIONS = `CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION "hstore";
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE users (id bigint PRIMARY KEY, email citext NOT NULL, attrs hstore);
`;
const TYPEORM = `CREATE TABLE "user" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "name" character varying NOT NULL, CONSTRAINT "PK_user" PRIMARY KEY ("id"));
`;

beforeAll(async () => {
  await initMigrationParsers();
});

describe('slipway trace with contrib extensions', () => {
  it('a history that creates extensions builds its schema, and the traced step uses them', async () => {
    const plan = buildTracePlan(
      [{ path: 'db/001_base.sql', text: WITH_EXTENSIONS }],
      [
        {
          path: 'db/002_index.sql',
          text: 'CREATE INDEX ix_users_email_trgm ON users USING gin (email gin_trgm_ops);\n',
        },
      ],
    );
    expect(traceExtensions(plan)).toEqual({ load: ['citext', 'hstore', 'pg_trgm'], assumed: [] });
    const run = await runTracePlan(plan, openTraceDb);
    expect(run.setupErrors).toEqual([]);
    expect(run.statements[0]?.status).toBe('ok');
    expect(run.statements[0]?.locks.map((l) => `${l.mode} ${l.relation}`)).toContain('ShareLock users');
  }, 60_000);

  it("TypeORM's uuid_generate_v4() with no CREATE EXTENSION: uuid-ossp is created first, and said", async () => {
    const plan = buildTracePlan(
      [{ path: 'src/migrations/1700000000000-Init.sql', text: TYPEORM }],
      [
        {
          path: 'src/migrations/1700000000001-Name.sql',
          text: 'ALTER TABLE "user" ADD "email" character varying;\n',
        },
      ],
    );
    const run = await runTracePlan(plan, openTraceDb);
    expect(run.setupErrors).toEqual([]);
    expect(run.assumed).toEqual([
      "extension uuid-ossp: the migrations call uuid_generate_v4() and the like, and none creates the extension (TypeORM's driver creates it when it connects)",
    ]);
    expect(renderTraceText({ ranAt: '', findings: [], ...run })).toContain('assumed: extension uuid-ossp');
  }, 60_000);

  it('near miss: an extension the embedded PostgreSQL lacks still fails, and nothing is assumed without a call', async () => {
    const plan = buildTracePlan(
      [{ path: 'db/001_base.sql', text: 'CREATE EXTENSION postgis;\nCREATE TABLE t (id int);\n' }],
      [{ path: 'db/002.sql', text: 'ALTER TABLE t ADD COLUMN x int;\n' }],
    );
    expect(traceExtensions(plan)).toEqual({ load: [], assumed: [] });
    const run = await runTracePlan(plan, openTraceDb);
    expect(run.setupErrors.map((e) => e.error)).toEqual([expect.stringMatching(/postgis/)]);
    expect(run.assumed).toBeUndefined();
    expect(run.statements[0]?.status).toBe('ok');
  }, 60_000);
});
