import { afterAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../../../../test/helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * `slipway trace` renders Alembic revisions and .sql migrations to run them on PostgreSQL; a
 * Django app's migrations (and the JS tools') are judged by the MIG rules but not rendered. Named,
 * one is refused with what it is and how to get its SQL; among a change's files it is listed as
 * not traced, never left out of the report.
 */
const migration = (deps: string, op: string) =>
  `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n    operations = [\n        ${op},\n    ]\n`;

const repo = new TempRepo({
  'slipway.yaml': 'version: 1\nmigrations:\n  django: ["shop/migrations"]\n  sql: ["db/*.sql"]\n',
  'shop/__init__.py': '',
  'shop/migrations/__init__.py': '',
  'shop/migrations/0001_initial.py': migration(
    '',
    'migrations.CreateModel(name="Order", fields=[("id", models.BigAutoField(primary_key=True, serialize=False))])',
  ),
});
afterAll(() => repo.dispose());

describe('trace and the migrations it does not render', () => {
  it('a named Django migration is refused in one line: what it is, and the command that prints its SQL', async () => {
    repo.commit('history');
    const r = await runCli(['trace', 'shop/migrations/0001_initial.py'], repo.dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('shop/migrations/0001_initial.py is a Django migration (app shop;');
    expect(r.stderr).toContain('`python manage.py sqlmigrate shop 0001_initial` prints its SQL');
  });

  it('near miss: a file no section names keeps the plain refusal', async () => {
    repo.write({ 'notes.sql': 'SELECT 1;\n' });
    const r = await runCli(['trace', 'notes.sql'], repo.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("notes.sql is not a migration the policy's `migrations` section names");
    repo.remove('notes.sql');
  });

  it('among a change’s files, a Django migration is counted as not traced, by its cause', async () => {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write({
      'shop/migrations/0002_drop.py': migration(
        '("shop", "0001_initial")',
        'migrations.DeleteModel(name="Order")',
      ),
    });
    repo.commit('drop the orders');
    const r = await runCli(['trace', '--base', 'main', '--format', 'json'], repo.dir);
    expect(r.code, r.stderr).toBe(0);
    const causes = (JSON.parse(r.stdout) as { summary: { causes: { cause: string; notTraced: number }[] } })
      .summary.causes;
    expect(causes).toEqual([
      expect.objectContaining({
        cause: 'a Django migration: trace does not render those to SQL',
        notTraced: 1,
      }),
    ]);
  });
});
