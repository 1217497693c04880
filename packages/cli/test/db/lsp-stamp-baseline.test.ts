import { PGlite } from '@electric-sql/pglite';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandClient } from '../../../lsp/test/helpers/command-client.js';
import { CLI, LspSession } from '../../../lsp/test/helpers/lsp-session.js';
import { startPostgres } from '../helpers/postgres.js';
import { alembicRepo, migration } from './alembic-repo.js';

/** The server bundle the .vsix ships (no PGlite; pg bundled). */
const EXTENSION_SERVER = fileURLToPath(new URL('../../../extension/dist/server.mjs', import.meta.url));

const POLICY = `version: 1
migrations:
  alembic: alembic/versions
  baseline: base0001
  databases:
    prod: { url_env: DATABASE_URL_PROD }
`;

interface GuardAnswer {
  ok: boolean;
  result?: { skipped?: string[]; findings: { rule: string; message: string }[] };
}

interface Answer {
  ok: boolean;
  result?: { outcome: string; baseline?: string; message: string };
  refused?: { code: string; message: string; hint?: string };
}

/**
 * Stamping a baseline needs a database client. `slipway lsp` has the CLI's (PostgreSQL, PGlite)
 * and stamps a real PGlite database; the editor's bundled server reaches a real PostgreSQL and
 * refuses an embedded database, naming the command that can open it.
 */
describe('slipway.server.stampBaseline', () => {
  let root: string;

  beforeAll(async () => {
    root = alembicRepo(POLICY, {
      'alembic/versions/base0001_baseline.py': migration('base0001', null, [], 'baseline'),
      'alembic/versions/a1_add_orders.py': migration('a1', 'base0001', [
        "op.create_table('orders', sa.Column('id', sa.Integer(), primary_key=True))",
      ]),
    });
    // A database created before Slipway: the baseline's schema, no alembic_version yet.
    const db = new PGlite(join(root, 'prod-db'));
    await db.exec('create table users (id int)');
    await db.close();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stamps through `slipway lsp`: a dry run, the stamp, then nothing more to do', async () => {
    const lsp = await LspSession.start(root, {
      command: [process.execPath, CLI, 'lsp', '--stdio'],
      env: { DATABASE_URL_PROD: 'pglite://./prod-db' },
    });
    try {
      const client = new CommandClient(lsp);
      const dry = await client.run<Answer>('slipway.server.stampBaseline', { dryRun: true });
      expect(dry.refused?.message).toBeUndefined();
      expect(dry.result).toMatchObject({ outcome: 'stamped', baseline: 'base0001' });
      const done = await client.run<Answer>('slipway.server.stampBaseline', {});
      expect(done.result).toMatchObject({ outcome: 'stamped', baseline: 'base0001' });
      const again = await client.run<Answer>('slipway.server.stampBaseline', {});
      expect(again).toMatchObject({ ok: true, result: { outcome: 'already-at-baseline' } });
    } finally {
      await lsp.stop();
    }
  });

  it('stamps a real PostgreSQL through the bundled server (the one the .vsix ships)', async () => {
    const pgServer = await startPostgres();
    try {
      await pgServer.sql('create database app_prod');
      await pgServer.sql('create table users (id int)', 'app_prod');
      const lsp = await LspSession.start(root, {
        command: [process.execPath, EXTENSION_SERVER, '--stdio'],
        env: { DATABASE_URL_PROD: pgServer.url('app_prod') },
      });
      try {
        const client = new CommandClient(lsp);
        const done = await client.run<Answer>('slipway.server.stampBaseline', {});
        expect(done.refused?.message).toBeUndefined();
        expect(done.result).toMatchObject({ outcome: 'stamped', baseline: 'base0001' });
        expect(await pgServer.sql('select version_num from alembic_version', 'app_prod')).toEqual([
          { version_num: 'base0001' },
        ]);
        const again = await client.run<Answer>('slipway.server.stampBaseline', {});
        expect(again).toMatchObject({ ok: true, result: { outcome: 'already-at-baseline' } });
        // The guard audits the same database from the editor: nothing skipped for want of a client.
        const guarded = await client.run<GuardAnswer>('slipway.server.guard', {});
        expect(guarded.ok, JSON.stringify(guarded)).toBe(true);
        expect(guarded.result?.skipped ?? []).toEqual([]);
        expect(guarded.result?.findings.map((f) => f.rule)).toContain('DB004');
        expect(client.output.join('\n')).toMatch(/guard: prod: /);
      } finally {
        await lsp.stop();
      }
    } finally {
      await pgServer.stop();
    }
  });

  it('refuses an embedded (pglite://) database in the bundled server, with the way out', async () => {
    const lsp = await LspSession.start(root, {
      command: [process.execPath, EXTENSION_SERVER, '--stdio'],
      env: { DATABASE_URL_PROD: 'pglite://./prod-db' },
    });
    try {
      const answer = await new CommandClient(lsp).run<Answer>('slipway.server.stampBaseline', {});
      expect(answer.ok).toBe(false);
      expect(answer.refused?.message).toMatch(/embedded database.*slipway db stamp-baseline/);
    } finally {
      await lsp.stop();
    }
  });
});
