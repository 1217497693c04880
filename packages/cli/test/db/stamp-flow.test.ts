import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDeployContext, stampBaseline } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/open-db.js';
import { alembicRepo, migration } from './alembic-repo.js';

// The deploy layer's stampBaseline flow called directly, as an editor would, with the CLI's
// database opener as its port and a real PGlite database on disk.
const POLICY = `version: 1
migrations:
  alembic: alembic/versions
  baseline: base0001
  databases:
    prod: { url_env: DATABASE_URL_PROD }
`;
const FILES = {
  'alembic/versions/base0001_baseline.py': migration('base0001', null, [], 'baseline'),
  'alembic/versions/a1_add_orders.py': migration('a1', 'base0001', [
    "op.create_table('orders', sa.Column('id', sa.Integer(), primary_key=True))",
  ]),
};

const repos: string[] = [];
afterAll(() => {
  for (const r of repos) rmSync(r, { recursive: true, force: true });
});

describe('stampBaseline (the deploy layer flow)', () => {
  it('stamps a fresh database, then finds it done; reports progress; a bad opener is a refusal', async () => {
    const dir = alembicRepo(POLICY, FILES);
    repos.push(dir);
    // An empty database on disk, as `initdb` would leave it: no alembic_version yet.
    mkdirSync(join(dir, '.db'));
    await (await PGlite.create(join(dir, '.db', 'prod'))).close();
    const env = { ...process.env, DATABASE_URL_PROD: `pglite://${join(dir, '.db', 'prod')}` };
    const { root, policy } = await openDeployContext({ dir, env });
    const opener = (target: Parameters<typeof openDb>[0]) => openDb(target, { cwd: root });
    const events: string[] = [];
    const first = await stampBaseline(
      { root, policy, env, openDb: opener },
      { onProgress: (e) => events.push(e.message) },
    );
    expect(first).toMatchObject({
      outcome: 'stamped',
      database: 'prod',
      baseline: 'base0001',
      created: true,
      dryRun: false,
      message: 'prod: created alembic_version and stamped at baseline base0001',
    });
    expect(events).toEqual(['stamping prod at baseline base0001']);
    const again = await stampBaseline({ root, policy, env, openDb: opener });
    expect(again).toMatchObject({
      outcome: 'already-at-baseline',
      message: 'prod is already stamped at baseline base0001; nothing to do',
    });

    const unknown = await stampBaseline({ root, policy, env, openDb: opener, revision: 'nope' });
    expect(unknown).toMatchObject({ outcome: 'refused', error: { code: 'config', exitCode: 2 } });
    expect(unknown.message).toBe(
      "--revision: baseline nope is not a revision in the repository's migrations",
    );

    const down = await stampBaseline({
      root,
      policy,
      env,
      openDb: async () => {
        throw new Error('prod: cannot connect to 127.0.0.1:9: connection refused');
      },
    });
    expect(down).toMatchObject({ outcome: 'refused', error: { code: 'database', exitCode: 1 } });
    expect(down.message).toBe('prod: cannot connect to 127.0.0.1:9: connection refused');
    // A bound for a hung run: three embedded PostgreSQL starts took over 60 s at a load of 10.
  }, 180_000);
});
