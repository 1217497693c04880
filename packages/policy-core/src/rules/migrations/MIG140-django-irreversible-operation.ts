import type { Finding } from '../../finding.js';
import type { DjangoOperation } from '../../migrations/django-operation.js';
import { changesSchema } from '../../migrations/schema-op.js';
import { findingOf } from '../../rule.js';
import { allowHint, type MigFacts, type MigHistoryRule } from './facts/mig-facts.js';
import { suppressDocs } from './facts/lock-docs.js';

const POLICY = 'version: 1\nmigrations:\n  django: shop/migrations\n';
const HEAD = 'from django.db import migrations\n\n\ndef forwards(apps, schema_editor):\n    pass\n\n\n';

/** A Django migration whose `operations` are `body`, as the examples show it. */
function djangoExample(verdict: 'flagged' | 'fine', body: string) {
  return {
    verdict,
    file: 'shop/migrations/0002_backfill.py',
    text: `${HEAD}class Migration(migrations.Migration):\n    dependencies = [("shop", "0001_initial")]\n    operations = [\n        ${body},\n    ]\n`,
    beside: {
      'slipway.yaml': POLICY,
      'shop/migrations/0001_initial.py':
        'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    operations = []\n',
    },
  };
}

/**
 * MIG140: a Django operation that cannot be reversed, so `migrate <app> <earlier>` stops at it:
 * RunPython without reverse_code, RunSQL that changes the schema without reverse_sql. The Django
 * counterpart of MIG110 (Django writes the way back of its other operations itself).
 */
export const djangoIrreversibleOperation: MigHistoryRule = {
  id: 'MIG140',
  name: 'django-irreversible-operation',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: 'Django operation without a way back',
  docs: {
    what:
      'In a Django migration (`migrations.django`): `RunPython` without `reverse_code`, or `RunSQL` whose SQL ' +
      'changes the schema without `reverse_sql` (also inside `SeparateDatabaseAndState`). `RunPython.noop` and ' +
      '`RunSQL.noop` are ways back. A `RunSQL` that only reads or writes rows needs none.',
    why:
      'Django reverses every other operation itself; these it cannot, so `manage.py migrate <app> <earlier>` ' +
      'raises IrreversibleError at this migration and a rollback of the deploy stops half-way.',
    fix:
      'Give `reverse_code=` (a function, or `migrations.RunPython.noop` when nothing needs undoing) or ' +
      '`reverse_sql=` (the inverse statements, or `migrations.RunSQL.noop`).',
    suppress: suppressDocs('MIG140'),
    examples: [
      djangoExample('flagged', 'migrations.RunPython(forwards)'),
      djangoExample('fine', 'migrations.RunPython(forwards, migrations.RunPython.noop)'),
    ],
  },
  check(facts: MigFacts): Finding[] {
    const out: Finding[] = [];
    for (const { module } of facts.reportModules) {
      const d = module.django;
      if (!d) continue;
      for (const o of irreversible(d.operations)) {
        const what =
          o.name === 'RunPython'
            ? `${o.label} has no reverse_code`
            : `${o.label} changes the schema and has no reverse_sql`;
        out.push(
          findingOf(
            djangoIrreversibleOperation,
            module.path,
            o.range,
            `${what}, so migrating back past this migration fails (IrreversibleError); give ${o.name === 'RunPython' ? 'reverse_code= (migrations.RunPython.noop if nothing needs undoing)' : 'reverse_sql= (migrations.RunSQL.noop if nothing needs undoing)'}, or add ${allowHint(module.path, 'MIG140')}.`,
          ),
        );
      }
    }
    return out;
  },
};

/** The operations Django cannot run backwards, SeparateDatabaseAndState's database side included. */
function irreversible(ops: readonly DjangoOperation[]): DjangoOperation[] {
  return ops.flatMap((o) => {
    if (o.name === 'SeparateDatabaseAndState') return irreversible(o.database ?? []);
    if (o.reversible !== false) return [];
    if (o.name === 'RunPython') return [o];
    return o.name === 'RunSQL' && (o.sql ?? []).some(changesSchema) ? [o] : [];
  });
}
