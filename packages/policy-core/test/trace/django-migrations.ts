import { buildTracePlan, type TraceSource } from '@slipway/policy-core';

/** Django migrations for the renderer's tests (render-django*.test.ts): one app, `shop`. */

let n = 0;
export const migration = (ops: string[], extra = ''): TraceSource => {
  n += 1;
  const name = `${String(n).padStart(4, '0')}_m`;
  return {
    path: `shop/migrations/${name}.py`,
    text: `from django.db import migrations, models\nimport django.contrib.postgres.operations as pg\n\n\nclass Migration(migrations.Migration):\n${extra}    operations = [\n${ops.map((o) => `        ${o},\n`).join('')}    ]\n`,
    djangoApp: 'shop',
  };
};

export const AUTHOR =
  'migrations.CreateModel(name="Author", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=100, db_index=True))])';
export const BOOK =
  'migrations.CreateModel(name="Book", fields=[("id", models.AutoField(primary_key=True)), ("pages", models.IntegerField(null=True)), ("author", models.ForeignKey(on_delete=models.CASCADE, to="shop.author"))], options={"unique_together": {("pages", "author")}})';

/** The SQL of the last migration, traced after the others; names with their hash made plain. */
export function traced(...sources: TraceSource[]) {
  const plan = buildTracePlan(sources.slice(0, -1), sources.slice(-1));
  return {
    sql: plan.traced.map((s) => s.sql.replace(/_[0-9a-f]{8}(?=[_"])/g, '_H')),
    plan,
  };
}
