import { initSqlParser } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { check, migration, SECOND } from './django-app.js';

/**
 * A Django AddField of a NOT NULL field and its default, judged by the MIG rules in process: no
 * default (or a None one) fails on a table with rows (MIG022); `default=` fills the rows but
 * Django drops it after, so the running code's inserts fail (MIG048); `db_default=` stays in the
 * database. Same app as django-rules.test.ts (`shop`, Author in shop_author); each case is 0002.
 */
beforeAll(() => initSqlParser());

/** [what, operations of 0002, extra class lines, rules that must fire on 0002, rules that must not]. */
const CASES: [string, string, string, string[], string[]][] = [
  [
    'AddField NOT NULL without a default',
    'migrations.AddField(model_name="author", name="rank", field=models.IntegerField())',
    '',
    ['MIG022'],
    [],
  ],
  [
    'near miss: a nullable AddField',
    'migrations.AddField(model_name="author", name="rank", field=models.IntegerField(null=True))',
    '',
    [],
    ['MIG022'],
  ],
  [
    // The rows are filled (no MIG022), but Django drops the default after: running code's inserts fail.
    'AddField NOT NULL with a default Django drops after filling the rows',
    'migrations.AddField(model_name="author", name="rank", field=models.IntegerField(default=0))',
    '',
    ['MIG048'],
    ['MIG022'],
  ],
  [
    "the same with preserve_default=False (makemigrations' one-off default)",
    'migrations.AddField(model_name="author", name="rank", field=models.IntegerField(default=0), preserve_default=False)',
    '',
    ['MIG048'],
    ['MIG022'],
  ],
  [
    'near miss: a nullable AddField with a default',
    'migrations.AddField(model_name="author", name="rank", field=models.IntegerField(null=True, default=0))',
    '',
    [],
    ['MIG048', 'MIG022'],
  ],
  [
    'near miss: a db_default the database keeps, with or without default=',
    'migrations.AddField(model_name="author", name="rank", field=models.IntegerField(db_default=0)), migrations.AddField(model_name="author", name="level", field=models.IntegerField(default=1, db_default=1))',
    '',
    [],
    ['MIG048', 'MIG022'],
  ],
  [
    'near miss: a table made in the same migration',
    'migrations.CreateModel(name="Tag", fields=[("id", models.AutoField(primary_key=True))]), migrations.AddField(model_name="tag", name="rank", field=models.IntegerField(default=0))',
    '',
    [],
    ['MIG048', 'MIG022'],
  ],
  [
    // Django writes no DEFAULT for a None default: the column is added NOT NULL with nothing to fill it.
    'AddField NOT NULL whose default is None',
    'migrations.AddField(model_name="author", name="rank", field=models.IntegerField(default=None))',
    '',
    ['MIG022'],
    ['MIG048'],
  ],
  [
    'AddField NOT NULL whose db_default is None (DEFAULT NULL)',
    'migrations.AddField(model_name="author", name="rank", field=models.IntegerField(db_default=None))',
    '',
    ['MIG022'],
    [],
  ],
  [
    'near miss: AddField NOT NULL with a db_default',
    'migrations.AddField(model_name="author", name="rank", field=models.IntegerField(db_default=0))',
    '',
    [],
    ['MIG022'],
  ],
];

describe('Django AddField NOT NULL and its default', () => {
  for (const [what, ops, extra, fire, quiet] of CASES) {
    it(what, () => {
      const rules = new Set(
        check({ [SECOND]: migration(ops, extra) })
          .filter((f) => f.file === SECOND)
          .map((f) => f.rule),
      );
      for (const r of fire) expect(rules, `${r} in ${[...rules].join(', ')}`).toContain(r);
      for (const r of quiet) expect(rules, `${r} in ${[...rules].join(', ')}`).not.toContain(r);
    });
  }
});
