import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../../../../test/helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * `slipway trace` end to end on a Django app: a change adds a migration to a real git repository;
 * the trace renders it after the app's earlier migrations (trace/render-django.ts) and runs it on
 * PGlite, reporting each statement's locks: Django's AddField of a NOT NULL column with a default
 * (ADD COLUMN … DEFAULT, then DROP DEFAULT) takes ACCESS EXCLUSIVE on the table, its AddIndex a
 * SHARE lock that blocks writes (MIG020's claim, confirmed), and RunPython is listed as not traced.
 */
const migration = (deps: string, ops: string[]) =>
  `from django.db import migrations, models\n\n\ndef fill(apps, schema_editor):\n    pass\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n\n    operations = [\n${ops.map((o) => `        ${o},\n`).join('')}    ]\n`;

const FILE = 'shop/migrations/0002_order_status.py';
let repo: TempRepo;

beforeAll(() => {
  repo = new TempRepo({
    'slipway.yaml': 'version: 1\nmigrations:\n  django: shop/migrations\n',
    'shop/__init__.py': '',
    'shop/migrations/__init__.py': '',
    'shop/migrations/0001_initial.py': migration('', [
      'migrations.CreateModel(name="Order", fields=[("id", models.BigAutoField(primary_key=True, serialize=False)), ("total", models.IntegerField())])',
    ]),
  });
  repo.commit('orders');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write({
    [FILE]: migration('("shop", "0001_initial")', [
      'migrations.AddField(model_name="order", name="status", field=models.CharField(max_length=20, default="new"))',
      'migrations.AddIndex(model_name="order", index=models.Index(fields=["status"], name="order_status_idx"))',
      'migrations.RunPython(fill, migrations.RunPython.noop)',
    ]),
  });
  repo.commit('order status');
});
afterAll(() => repo?.dispose());

describe('slipway trace on a Django migration', () => {
  it('runs the statements Django would send, after the earlier migrations, each with the locks it took', async () => {
    const r = await runCli(['trace', '--base', 'main', '--format', 'json'], repo.dir);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      statements: {
        file: string;
        line: number;
        sql: string;
        status: string;
        locks: { mode: string; relation: string }[];
      }[];
      notTraced: { file: string; line: number; reason: string }[];
      setupErrors: unknown[];
      findings: { rule: string; verdict: string }[];
    };
    expect(report.setupErrors).toEqual([]);
    expect(report.statements.map((s) => [s.line, s.sql, s.status])).toEqual([
      [12, 'ALTER TABLE "shop_order" ADD COLUMN "status" varchar(20) DEFAULT \'new\' NOT NULL', 'ok'],
      [12, 'ALTER TABLE "shop_order" ALTER COLUMN "status" DROP DEFAULT', 'ok'],
      [13, 'CREATE INDEX "order_status_idx" ON "shop_order" ("status")', 'ok'],
    ]);
    const [add, , index] = report.statements;
    expect(add?.locks[0]).toEqual({ mode: 'AccessExclusiveLock', relation: 'shop_order' });
    expect(index?.locks).toContainEqual({ mode: 'ShareLock', relation: 'shop_order' });
    expect(report.notTraced).toEqual([
      expect.objectContaining({
        file: FILE,
        line: 14,
        reason: 'RunPython: Python Slipway does not run (assignments, loops, calls into other code)',
      }),
    ]);
    expect(report.findings.find((f) => f.rule === 'MIG020')?.verdict).toBe('confirmed');
  });

  it('in text: the statements, their strongest lock, and the RunPython not traced', async () => {
    const r = await runCli(['trace', '--base', 'main'], repo.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Traced 3 statements: 3 ran/);
    expect(r.stdout).toContain('AccessExclusiveLock');
    expect(r.stdout).toContain('Python Slipway does not run');
  });
});
