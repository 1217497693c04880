import { type Finding, MemoryRepo, migrationFamily, parsePolicyText } from '@slipway/policy-core';

/**
 * One Django app, `shop`, for the Django tests: its 0001 creates Author (shop_author) and Book
 * (db_table library_books); a case adds 0002 (and whatever else it needs) and checks it in process.
 */
export const POLICY = 'version: 1\nmigrations:\n  django: "*/migrations"\n';
export const HEAD =
  'from django.db import migrations, models\nimport django.contrib.postgres.operations as pg\n\n\n';
export const INITIAL = `${HEAD}class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Author",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("name", models.CharField(max_length=10, null=True)),
                ("age", models.IntegerField()),
                ("editor", models.ForeignKey(on_delete=models.CASCADE, to="shop.Author", null=True)),
            ],
        ),
        migrations.CreateModel(
            name="Book",
            fields=[("id", models.AutoField(primary_key=True)), ("title", models.CharField(max_length=100))],
            options={"db_table": "library_books"},
        ),
    ]
`;

export function migration(ops: string, extra = '', deps = '[("shop", "0001_initial")]'): string {
  return `${HEAD}def forwards(apps, schema_editor):\n    pass\n\n\nclass Migration(migrations.Migration):\n${extra}    dependencies = ${deps}\n    operations = [\n        ${ops},\n    ]\n`;
}

export function check(files: Record<string, string>): Finding[] {
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({
    'slipway.yaml': POLICY,
    'shop/migrations/__init__.py': '',
    'shop/migrations/0001_initial.py': INITIAL,
    ...files,
  });
  return migrationFamily.check({ policy, repo, now: new Date(), env: {} }).findings;
}

export const SECOND = 'shop/migrations/0002_change.py';
