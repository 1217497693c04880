import {
  auditDatabases,
  DB_RULES,
  type DbFacts,
  type DbGraphView,
  type Finding,
  loadDbGraph,
  MemoryRepo,
  parsePolicyText,
  Workspace,
} from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { facts } from './fixtures-db.js';

// DB001–DB004 for a policy whose migrations are Django apps: each finding names
// django_migrations and Django's commands, not Alembic's.

const POLICY =
  'version: 1\nmigrations:\n  django: "*/migrations"\n  databases:\n' +
  '    dev: { url_env: DATABASE_URL }\n    prod: { url_env: DATABASE_URL_PROD }\n';
const migration = (deps: string) =>
  `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n    operations = []\n`;
const policy = parsePolicyText(POLICY, 'slipway.yaml').document!;
let graph: DbGraphView | undefined;
beforeAll(async () => {
  const repo = new MemoryRepo({
    'slipway.yaml': POLICY,
    'shop/migrations/0001_initial.py': migration(''),
    'shop/migrations/0002_b.py': migration('("shop", "0001_initial")'),
    'shop/migrations/0003_c.py': migration('("shop", "0002_b")'),
  });
  graph = (await loadDbGraph({ policy, repo, workspace: new Workspace() })).graph;
});

const db = (name: string, applied: string[] | undefined, over: Partial<DbFacts> = {}): DbFacts =>
  facts(name, {
    alembic: { present: false },
    django: applied ? { present: true, applied } : { present: false },
    ...over,
  });
const audit = (...dbs: DbFacts[]) =>
  auditDatabases(dbs, graph, policy, DB_RULES).map((f: Finding) => ({
    rule: f.rule,
    severity: f.severity,
    file: f.file,
    line: f.range.start.line,
    message: f.message,
    related: f.related?.map((r) => [r.file, r.range.start.line, r.message]),
  }));
const PROD_LINE = 5;
const finding = (rule: string, severity: string, message: string, related?: unknown[]) => ({
  rule,
  severity,
  file: 'slipway.yaml',
  line: PROD_LINE,
  message,
  related,
});

describe('the database audit of Django apps', () => {
  it('DB001: no django_migrations table, an empty one, or no schema at all', () => {
    const fake =
      "it is not tracked by Django's migrations; record what its schema already has with `python manage.py migrate --fake <app> <migration>` for each app, then re-run the audit.";
    expect(audit(db('prod', undefined))).toEqual([
      finding('DB001', 'error', `Database prod (app_prod) has no public.django_migrations table: ${fake}`),
    ]);
    expect(audit(db('prod', []))).toEqual([
      finding(
        'DB001',
        'error',
        `Database prod (app_prod) has an empty public.django_migrations table: ${fake}`,
      ),
    ]);
    expect(audit(db('prod', undefined, { schemaExists: false, tables: [] }))).toEqual([
      finding(
        'DB001',
        'error',
        `Database prod (app_prod) has no schema "public", so no django_migrations table: ${fake}`,
      ),
    ]);
  });

  it('DB002: a migration the app neither has nor replaces (and DB004 leaves it to DB002)', () => {
    expect(audit(db('prod', ['shop.0001_initial', 'shop.0009_gone']))).toEqual([
      finding(
        'DB002',
        'error',
        "Database prod records shop.0009_gone in public.django_migrations, a migration the repository's shop app neither has nor replaces; find where it came from (`git log -S 0009_gone`) before migrating it.",
      ),
    ]);
  });

  it('DB002: a migration applied before its dependency; DB004 lists what migrate would apply', () => {
    expect(audit(db('prod', ['shop.0002_b']))).toEqual([
      finding(
        'DB002',
        'error',
        'Database prod records shop.0002_b as applied in public.django_migrations but not its dependency shop.0001_initial; Django refuses this history (InconsistentMigrationHistory): find out which matches the schema and correct the rows.',
      ),
      finding(
        'DB004',
        'warning',
        'Database prod is 2 migrations behind head (shop.0003_c): pending shop.0001_initial, shop.0003_c; review them and run `python manage.py migrate`.',
        [
          ['shop/migrations/0001_initial.py', 3, 'pending migration shop.0001_initial'],
          ['shop/migrations/0003_c.py', 3, 'pending migration shop.0003_c'],
        ],
      ),
    ]);
  });

  it('DB003 and DB004: a database behind the reference one, one migration or more', () => {
    const all = ['shop.0001_initial', 'shop.0002_b', 'shop.0003_c'];
    expect(audit(db('dev', all), db('prod', ['shop.0001_initial']))).toEqual([
      finding(
        'DB003',
        'warning',
        'Database prod is at shop.0001_initial but dev is at shop.0003_c; migrate both to head before publishing.',
        [['slipway.yaml', 4, 'dev is at shop.0003_c']],
      ),
      finding(
        'DB004',
        'warning',
        'Database prod is 2 migrations behind head (shop.0003_c): pending shop.0002_b, shop.0003_c; review them and run `python manage.py migrate`.',
        [
          ['shop/migrations/0002_b.py', 3, 'pending migration shop.0002_b'],
          ['shop/migrations/0003_c.py', 3, 'pending migration shop.0003_c'],
        ],
      ),
    ]);
    expect(audit(db('prod', ['shop.0001_initial', 'shop.0002_b']))).toEqual([
      finding(
        'DB004',
        'warning',
        'Database prod is 1 migration behind head (shop.0003_c): pending shop.0003_c; review them and run `python manage.py migrate`.',
        [['shop/migrations/0003_c.py', 3, 'pending migration shop.0003_c']],
      ),
    ]);
    expect(audit(db('dev', all), db('prod', all))).toEqual([]);
  });
});
