import { allowHint, quote } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';
import { suppressDocs } from './facts/lock-docs.js';

const POLICY = 'version: 1\nmigrations:\n  django: shop/migrations\n';
const INITIAL =
  'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    operations = [\n        migrations.CreateModel(name="Order", fields=[("id", models.BigAutoField(primary_key=True))]),\n    ]\n';

/** A Django migration adding `field` to Order, as the examples show it. */
function djangoExample(verdict: 'flagged' | 'fine', field: string) {
  return {
    verdict,
    file: 'shop/migrations/0002_order_status.py',
    text: `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("shop", "0001_initial")]\n    operations = [\n        migrations.AddField(model_name="order", name="status", field=${field}),\n    ]\n`,
    beside: { 'slipway.yaml': POLICY, 'shop/migrations/0001_initial.py': INITIAL },
  };
}

/**
 * MIG048: a NOT NULL column whose default fills the existing rows and is then dropped (Django's
 * `default=`, which the database never keeps before `db_default`, or the '' / time Django's
 * `_effective_default` gives a blank or auto_now field: `add_field` drops it just the same, Django
 * 3.2's django/db/backends/base/schema.py "Drop the default if we need to"): the migration succeeds, and
 * the code still running, which does not know the column, fails on every insert until it is
 * replaced. django-migration-linter's NOT_NULL reports the same.
 */
export const notNullDefaultDropped = opRule(
  {
    id: 'MIG048',
    name: 'not-null-default-dropped',
    family: 'MIG',
    facts: 'migration-file',
    defaultSeverity: 'error',
    trace: 'not-a-lock',
    title: 'NOT NULL column whose default is dropped after the rows are filled',
    docs: {
      what:
        'A Django `AddField` of a NOT NULL field with `default=` and no `db_default=` on an existing table: ' +
        'Django adds the column with the default, which fills the existing rows, then drops the default ' +
        'from the column. The same holds for the default Django gives a field written without one ' +
        "(`_effective_default`): '' for a `blank=True` field whose class allows empty strings " +
        '(CharField, TextField, EmailField, ...), the time for `auto_now` / `auto_now_add`. Tables created ' +
        'in the same migration are exempt.',
      why:
        'The migration runs before the new code is everywhere. Until then the code still running inserts ' +
        'rows without the new column, and with no default left in the database each insert fails on the ' +
        'NOT NULL: the migration passed, and production fails writes for the length of the deploy.',
      fix:
        'Add the field with `null=True`, deploy the code that writes it, backfill, then make it NOT NULL in a ' +
        'later migration; or, on Django 5.0 and later, give it `db_default=` so the database keeps the default.',
      suppress: suppressDocs('MIG048'),
      examples: [
        djangoExample('flagged', 'models.CharField(max_length=20, default="new")'),
        djangoExample('fine', 'models.CharField(max_length=20, db_default="new")'),
      ],
    },
  },
  {
    exemptNewTables: true,
    matches: (op) => op.kind === 'add_column' && op.notNull === true && op.defaultDropped === true,
    message: (op, file) =>
      `column ${op.column ? `"${op.column}" ` : ''}is added to ${quote(op.table)} as NOT NULL with a default Django drops once it has filled the rows, so the code still running fails on every insert into ${quote(op.table)} until the new code replaces it; add it with null=True and make it NOT NULL in a later release, or use db_default= (Django 5.0+) (or ${allowHint(file, 'MIG048')}).`,
  },
);
