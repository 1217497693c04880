import type { Finding } from '../../finding.js';
import type { DjangoOperation } from '../../migrations/django-operation.js';
import { findingOf } from '../../rule.js';
import { allowHint, type MigFacts, type MigHistoryRule } from './facts/mig-facts.js';
import { suppressDocs } from './facts/lock-docs.js';

const POLICY = 'version: 1\nmigrations:\n  django: shop/migrations\n';

/** A Django data migration whose function is `body`, as the examples show it. */
function djangoExample(verdict: 'flagged' | 'fine', imports: string, body: string) {
  return {
    verdict,
    file: 'shop/migrations/0002_backfill.py',
    text:
      `from django.db import migrations\n${imports}\n\ndef forwards(apps, schema_editor):\n${body}\n\n\n` +
      'class Migration(migrations.Migration):\n    dependencies = [("shop", "0001_initial")]\n' +
      '    operations = [\n        migrations.RunPython(forwards, migrations.RunPython.noop),\n    ]\n',
    beside: {
      'slipway.yaml': POLICY,
      'shop/migrations/0001_initial.py':
        'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    operations = []\n',
    },
  };
}

/**
 * MIG049: a Django `RunPython` function that uses the application's model class, imported, rather
 * than the historical model `apps.get_model(...)` gives (django-migration-linter's
 * RUNPYTHON_MODEL_IMPORT).
 */
export const dataMigrationImportsModel: MigHistoryRule = {
  id: 'MIG049',
  name: 'data-migration-imports-model',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: 'Django data migration using an imported model',
  docs: {
    what:
      'In a Django migration (`migrations.django`), a function that `RunPython` runs (its code or its ' +
      '`reverse_code`, or a function of the same file either calls) uses a model through an import: ' +
      '`Order.objects…` (or `_default_manager`, `_base_manager`) where `Order` is imported ' +
      '(`from shop.models import Order`, at the top of the file or inside the function). A call of an ' +
      'imported name (`Order(...)`) is not reported: a helper or a TextChoices class is called the same way. ' +
      'A name the function binds itself (`Order = ' +
      'apps.get_model("shop", "Order")`, a parameter) is the historical model and is fine. A function ' +
      'imported from another file is not read.',
    why:
      'The imported class is the model as the code is today, not as it was at this migration. When ' +
      'a later migration of the same deploy adds a field, the data migration runs first and its ' +
      'queries name a column the table does not have yet: the deploy stops half-way. Replaying the ' +
      'history (a new database, the test database) breaks the same way once the model changes.',
    fix:
      'Take the model from the migration state: `Order = apps.get_model("shop", "Order")` at the top of ' +
      'the function, and use only that (its managers and its fields are those of this migration).',
    suppress: suppressDocs('MIG049'),
    examples: [
      djangoExample(
        'flagged',
        'from shop.models import Order',
        '    Order.objects.filter(status="").update(status="new")',
      ),
      djangoExample(
        'fine',
        '',
        '    Order = apps.get_model("shop", "Order")\n    Order.objects.filter(status="").update(status="new")',
      ),
    ],
  },
  check(facts: MigFacts): Finding[] {
    const out: Finding[] = [];
    for (const { module } of facts.reportModules) {
      const d = module.django;
      if (!d) continue;
      for (const o of runPythons(d.operations))
        for (const use of o.modelImports ?? []) {
          const cls = use.path.split('.').pop() ?? use.model;
          // `shop.models.Order` → shop; `django.contrib.auth.models.User` → auth; else this app.
          const app = /(?:^|\.)(\w+)\.models\.\w+$/.exec(use.path)?.[1] ?? d.app;
          out.push(
            findingOf(
              dataMigrationImportsModel,
              module.path,
              use.range,
              `${use.fn}() (run by ${o.label}) uses the imported model ${use.model}: it is the model as the code is today, so its queries can name columns a later migration adds and fail during the deploy or a replay; use ${cls} = apps.get_model("${app}", "${cls}") inside the function instead (or ${allowHint(module.path, 'MIG049')}).`,
            ),
          );
        }
    }
    return out;
  },
};

/** The RunPython operations, SeparateDatabaseAndState's database side included. */
function runPythons(ops: readonly DjangoOperation[]): DjangoOperation[] {
  return ops.flatMap((o) =>
    o.name === 'SeparateDatabaseAndState' ? runPythons(o.database ?? []) : o.name === 'RunPython' ? [o] : [],
  );
}
