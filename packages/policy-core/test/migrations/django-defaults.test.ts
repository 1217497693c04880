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
  // The default Django's schema editor gives a field without one (django/db/backends/base/schema.py
  // `_effective_default`, Django 3.2): '' for a blank NOT NULL field whose class allows empty
  // strings, the time for auto_now / auto_now_add. It fills the rows, and `add_field` drops it after.
  [
    "a blank CharField: Django adds it with DEFAULT '' and drops it after",
    'migrations.AddField(model_name="author", name="bio", field=models.CharField(blank=True, max_length=200))',
    '',
    ['MIG048'],
    ['MIG022'],
  ],
  [
    "a blank TextField, EmailField, SlugField, URLField, FileField, BinaryField: '' (b'') too",
    [
      'models.TextField(blank=True)',
      'models.EmailField(blank=True)',
      'models.SlugField(blank=True)',
      'models.URLField(blank=True)',
      'models.FileField(blank=True)',
      'models.BinaryField(blank=True)',
    ]
      .map((f, i) => `migrations.AddField(model_name="author", name="f${i}", field=${f})`)
      .join(', '),
    '',
    ['MIG048'],
    ['MIG022'],
  ],
  [
    'auto_now and auto_now_add on a DateTimeField, a DateField and a TimeField: the time',
    [
      'models.DateTimeField(auto_now=True)',
      'models.DateTimeField(auto_now_add=True)',
      'models.DateField(auto_now=True)',
      'models.TimeField(auto_now_add=True)',
    ]
      .map((f, i) => `migrations.AddField(model_name="author", name="f${i}", field=${f})`)
      .join(', '),
    '',
    ['MIG048'],
    ['MIG022'],
  ],
  [
    'near miss: blank on a class whose empty_strings_allowed is False gives no default',
    'migrations.AddField(model_name="author", name="rank", field=models.IntegerField(blank=True))',
    '',
    ['MIG022'],
    ['MIG048'],
  ],
  [
    'near miss: a blank BooleanField, DateField, UUIDField, JSONField, ForeignKey: no default either',
    [
      'models.BooleanField(blank=True)',
      'models.DateField(blank=True)',
      'models.UUIDField(blank=True)',
      'models.JSONField(blank=True)',
      'models.ForeignKey(on_delete=models.CASCADE, to="shop.Book", blank=True)',
    ]
      .map((f, i) => `migrations.AddField(model_name="author", name="f${i}", field=${f})`)
      .join(', '),
    '',
    ['MIG022'],
    ['MIG048'],
  ],
  [
    'near miss: a CharField without blank',
    'migrations.AddField(model_name="author", name="bio", field=models.CharField(max_length=200))',
    '',
    ['MIG022'],
    ['MIG048'],
  ],
  [
    // has_default() is true for default=None: get_default() gives None, and the blank branch is not asked.
    'near miss: a blank CharField with default=None',
    'migrations.AddField(model_name="author", name="bio", field=models.CharField(blank=True, default=None, max_length=9))',
    '',
    ['MIG022'],
    ['MIG048'],
  ],
  [
    'near miss: a blank, nullable CharField: no default, and none needed',
    'migrations.AddField(model_name="author", name="bio", field=models.CharField(blank=True, null=True, max_length=9))',
    '',
    [],
    ['MIG022', 'MIG048'],
  ],
  [
    // Django 3.2's NullBooleanField.__init__ sets kwargs['null'] = True: the column is nullable.
    'near miss: a NullBooleanField, nullable without null=True',
    'migrations.AddField(model_name="author", name="ok", field=models.NullBooleanField())',
    '',
    [],
    ['MIG022', 'MIG048'],
  ],
  [
    // A custom class may or may not allow empty strings: MIG022 stays, and says what it does not know.
    'a blank field of a class Slipway does not know: MIG022, not assumed filled',
    'migrations.AddField(model_name="author", name="bio", field=MoneyField(blank=True))',
    '',
    ['MIG022'],
    ['MIG048'],
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
