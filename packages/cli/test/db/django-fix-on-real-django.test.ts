import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../../../../test/helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { type PgServer, startPostgres } from '../helpers/postgres.js';
import {
  ADD_INDEX,
  INITIAL,
  migration,
} from '../../../policy-core/test/rules/migrations/django-order-index.js';

/**
 * MIG020's Django fix proven by Django itself: `slipway check --fix` rewrites an AddIndex into
 * AddIndexConcurrently in a migration with `atomic = False`; then Debian's Django (3.2, fetched by
 * scripts/fetch-django-runtime.sh, nothing installed) runs `sqlmigrate` (the SQL it would send:
 * CREATE INDEX CONCURRENTLY, no BEGIN) and `migrate` on a real PostgreSQL, which refuses
 * CONCURRENTLY in a transaction, so a migration that applies is one that ran outside one, and the
 * index it leaves is valid. The near miss: the same migration unfixed builds the index in a
 * transaction (BEGIN … CREATE INDEX without CONCURRENTLY).
 */
const RUNTIME = join(
  process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'),
  'django-runtime',
  'dist-packages',
);
const ADD_INDEX_MIGRATION = migration(ADD_INDEX);
const SETTINGS = `import os
SECRET_KEY = "test"
INSTALLED_APPS = ["shop"]
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASES = {"default": {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": os.environ["DB_NAME"], "USER": "postgres", "HOST": "127.0.0.1", "PORT": os.environ["DB_PORT"],
}}
`;
const MIGRATION = 'shop/migrations/0002_order_status_idx.py';

describe("MIG020's Django fix, run by Django on PostgreSQL", () => {
  let pg: PgServer;
  let repo: TempRepo;
  const django = (database: string, ...args: string[]) => {
    const r = spawnSync(
      'python3',
      [
        '-c',
        'import django.core.management as m; m.execute_from_command_line(["manage.py", *__import__("sys").argv[1:]])',
        ...args,
      ],
      {
        cwd: repo.dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          PYTHONPATH: `${RUNTIME}:${repo.dir}`,
          DJANGO_SETTINGS_MODULE: 'settings',
          DB_NAME: database,
          DB_PORT: String(pg.port),
        },
      },
    );
    expect(r.status, `django ${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    expect(
      existsSync(join(RUNTIME, 'django')),
      `no Django in ${RUNTIME}: run scripts/fetch-django-runtime.sh (scripts/ensure-prerequisites.sh runs it)`,
    ).toBe(true);
    pg = await startPostgres();
    repo = new TempRepo({
      'slipway.yaml': 'version: 1\nmigrations:\n  django: shop/migrations\n',
      'settings.py': SETTINGS,
      'shop/__init__.py': '',
      'shop/migrations/__init__.py': '',
      'shop/migrations/0001_initial.py': INITIAL,
    });
    repo.commit('orders');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write({ [MIGRATION]: ADD_INDEX_MIGRATION });
    repo.commit('index orders by status');
  }, 120_000);
  afterAll(async () => {
    repo?.dispose();
    await pg?.stop();
  });

  it('near miss first: unfixed, Django builds the index inside a transaction, without CONCURRENTLY', () => {
    const sql = django('postgres', 'sqlmigrate', 'shop', '0002');
    expect(sql).toMatch(/^BEGIN;$/m);
    expect(sql).toMatch(/^CREATE INDEX "order_status_idx" ON "shop_order" \("status"\);$/m);
  });

  it('fixed by check --fix: sqlmigrate prints CREATE INDEX CONCURRENTLY with no transaction, and migrate applies it on PostgreSQL', async () => {
    const fixed = await runCli(['check', '--base', 'main', '--fix', '--format', 'json'], repo.dir);
    expect(fixed.stderr).toBe(`fixed 1 finding in ${MIGRATION}\n`);
    expect(JSON.parse(fixed.stdout).findings.map((f: { rule: string }) => f.rule)).not.toContain('MIG020');
    const text = readFileSync(join(repo.dir, MIGRATION), 'utf8');
    expect(text).toContain('from django.contrib.postgres.operations import AddIndexConcurrently\n');
    expect(text).toContain('    atomic = False\n');
    expect(text).toContain('        AddIndexConcurrently(\n');
    const sql = django('postgres', 'sqlmigrate', 'shop', '0002');
    expect(sql).toMatch(/^CREATE INDEX CONCURRENTLY "order_status_idx" ON "shop_order" \("status"\);$/m);
    expect(sql).not.toMatch(/^(BEGIN|COMMIT);$/m);
    await pg.sql('CREATE DATABASE shop');
    django('shop', 'migrate', 'shop');
    const rows = await pg.sql(
      "SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'order_status_idx'",
      'shop',
    );
    expect(rows).toEqual([{ valid: true }]);
    const applied = await pg.sql("SELECT name FROM django_migrations WHERE app = 'shop' ORDER BY id", 'shop');
    expect(applied.map((r) => r.name)).toEqual(['0001_initial', '0002_order_status_idx']);
  });
});
