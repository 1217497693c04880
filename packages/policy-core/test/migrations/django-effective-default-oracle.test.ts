import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSqlParser } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PYTHON } from '../../../../test/helpers/python.js';
import { EMPTY_STRINGS_ALLOWED, EMPTY_STRINGS_REFUSED } from '../../src/migrations/django-field.js';
import { check, migration, SECOND } from './django-app.js';

/**
 * MIG022 and MIG048 on a Django AddField, held to Django itself: Django 3.2 (Debian's, fetched by
 * scripts/fetch-django-runtime.sh) evaluates each field and tells, with its schema editor's own
 * `_effective_default` (django/db/backends/base/schema.py; scripts/django-effective-default-oracle.py),
 * whether it adds the column with a default. A NOT NULL field without one fails on a table with
 * rows (MIG022); with one, `add_field` fills the rows and then drops it, PostgreSQL's schema
 * editor skipping none (MIG048). Every field class whose `empty_strings_allowed` Slipway lists,
 * each with blank=True, blank and null, default=None, auto_now (a date class) and nothing.
 */
const RUNTIME = join(
  process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'),
  'django-runtime',
  'dist-packages',
);
const ORACLE = fileURLToPath(
  new URL('../../../../scripts/django-effective-default-oracle.py', import.meta.url),
);

/** What a class needs besides the options under test. */
const REQUIRED: Record<string, string> = {
  CharField: 'max_length=9',
  CICharField: 'max_length=9',
  DecimalField: 'max_digits=5, decimal_places=2',
  ForeignKey: 'to="shop.Book", on_delete=models.CASCADE',
  OneToOneField: 'to="shop.Book", on_delete=models.CASCADE',
};
/** contrib.postgres's classes, imported by name (models.X for the rest). */
const POSTGRES = new Set([
  'HStoreField',
  'CICharField',
  'CIEmailField',
  'CITextField',
  'ArrayField',
  'IntegerRangeField',
  'BigIntegerRangeField',
  'DecimalRangeField',
  'DateTimeRangeField',
  'DateRangeField',
]);
/** Added as a primary key only: an identity column, not what these rules judge here. */
const SERIAL = new Set(['AutoField', 'BigAutoField', 'SmallAutoField']);
const VARIANTS = ['', 'blank=True', 'blank=True, null=True', 'blank=True, default=None'];
const DATE_VARIANTS = [
  'auto_now=True',
  'auto_now_add=True',
  'auto_now=True, null=True',
  'auto_now_add=True, default=None',
];

function field(cls: string, options: string): string {
  const args = [cls === 'ArrayField' ? 'models.IntegerField()' : '', REQUIRED[cls] ?? '', options].filter(
    (a) => a !== '',
  );
  return `${POSTGRES.has(cls) ? cls : `models.${cls}`}(${args.join(', ')})`;
}

const CLASSES = [...EMPTY_STRINGS_ALLOWED, ...EMPTY_STRINGS_REFUSED].filter((c) => !SERIAL.has(c));
const FIELDS = CLASSES.flatMap((cls) =>
  [...VARIANTS, ...(['DateField', 'DateTimeField', 'TimeField'].includes(cls) ? DATE_VARIANTS : [])].map(
    (o) => field(cls, o),
  ),
);

interface Oracle {
  version: string;
  postgresql_skips_defaults: boolean;
  fields: Record<string, { null: boolean; default: string | null }>;
}

let django: Oracle;
beforeAll(async () => {
  expect(
    existsSync(join(RUNTIME, 'django')),
    `no Django runtime in ${RUNTIME}: run scripts/fetch-django-runtime.sh (scripts/ensure-prerequisites.sh runs it)`,
  ).toBe(true);
  await initSqlParser();
  django = JSON.parse(
    execFileSync(PYTHON, [ORACLE, ...FIELDS], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: RUNTIME },
    }),
  ) as Oracle;
}, 60_000);

describe("Django AddField defaults against Django's _effective_default", () => {
  it('is Django 3.2, whose PostgreSQL schema editor drops every default it adds a column with', () => {
    expect(django.version).toMatch(/^3\.2\./);
    expect(django.postgresql_skips_defaults).toBe(false);
    // The oracle finds both answers: a default for some fields, none for others.
    const defaults = new Set(Object.values(django.fields).map((f) => f.default));
    expect([...defaults].sort()).toEqual(['bytes', 'date', 'datetime', 'str', 'time', null].sort());
  });

  it('MIG022 fires exactly on the NOT NULL fields Django adds without a default, MIG048 on those with one', () => {
    // One migration: each AddField on its own line (migration() joins them one a line, from line 11).
    const ops = FIELDS.map(
      (f, i) => `migrations.AddField(model_name="author", name="f${i}", field=${f})`,
    ).join(',\n        ');
    const text = migration(ops);
    const first = text.split('\n').findIndex((l) => l.includes('name="f0"'));
    const findings = check({ [SECOND]: text }).filter((f) => f.file === SECOND);
    const rulesOn = (i: number) =>
      findings
        .filter((f) => f.range.start.line === first + i && (f.rule === 'MIG022' || f.rule === 'MIG048'))
        .map((f) => f.rule);
    const ours = FIELDS.map((f, i) => `${f}: ${rulesOn(i).join(' ')}`);
    const theirs = FIELDS.map((f) => {
      const d = django.fields[f];
      if (d === undefined) throw new Error(`the oracle did not answer for ${f}`);
      const rule = d.null ? '' : d.default === null ? 'MIG022' : 'MIG048';
      return `${f}: ${rule}`;
    });
    expect(ours).toEqual(theirs);
  });
});
