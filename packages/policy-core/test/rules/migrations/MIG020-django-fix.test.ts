import type { Fix } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectProven, type Files, findingsOf } from './fix-proof.js';
import { ready } from './mig-test-helpers.js';
import { ADD_INDEX, INITIAL, migration } from './django-order-index.js';

beforeAll(ready);

/**
 * MIG020's fix in a Django migration: AddIndexConcurrently, imported, in a migration with
 * `atomic = False`. Proven (applied, MIG020 says nothing, nothing else is new); each near miss
 * has no fix.
 */
const PATH = 'shop/migrations/0002_order_status_idx.py';
const django = (second: string): Files => ({
  'slipway.yaml': 'version: 1\nmigrations:\n  django: shop/migrations\n',
  'shop/__init__.py': '',
  'shop/migrations/__init__.py': '',
  'shop/migrations/0001_initial.py': INITIAL,
  [PATH]: second,
});
const fixOf = (files: Files): Fix | undefined => {
  const found = findingsOf('MIG020', files);
  expect(found).toHaveLength(1);
  return found[0]?.fixes?.[0];
};

describe('MIG020 fix in Django migrations', () => {
  it('AddIndex becomes AddIndexConcurrently, imported, and the migration atomic = False', () => {
    const files = django(migration(ADD_INDEX));
    const fix = fixOf(files) as Fix;
    expect(fix.title).toBe('Build it with AddIndexConcurrently in a migration with atomic = False');
    expect(fix.choice).toBeUndefined();
    const fixed = expectProven('MIG020', files, fix, ['MIG037']);
    expect(fixed[PATH]).toBe(
      migration(
        ADD_INDEX.replace('migrations.AddIndex', 'AddIndexConcurrently'),
        '    atomic = False\n\n',
        'from django.db import migrations, models\nfrom django.contrib.postgres.operations import AddIndexConcurrently\n',
      ),
    );
  });

  it("MIG037's lock_timeout fix is not offered beside it (the build would wait under it and fail INVALID)", () => {
    const files = django(migration(ADD_INDEX));
    expect(findingsOf('MIG037', files).flatMap((f) => f.fixes ?? [])).toEqual([]);
    const other = django(
      migration('migrations.AddField(model_name="order", name="note", field=models.TextField(null=True))'),
    );
    // Beside any other operation its fix stays.
    expect(findingsOf('MIG037', other).flatMap((f) => f.fixes ?? [])).toHaveLength(1);
  });

  it('imported under another name, it is imported again by its own (the fix writes that name)', () => {
    const imports =
      'from django.contrib.postgres.operations import AddIndexConcurrently as AIC\nfrom django.db import migrations, models\n';
    const fixed = expectProven(
      'MIG020',
      django(migration(ADD_INDEX, '', imports)),
      fixOf(django(migration(ADD_INDEX, '', imports))) as Fix,
      ['MIG037'],
    );
    expect(fixed[PATH]).toContain(
      'from django.db import migrations, models\nfrom django.contrib.postgres.operations import AddIndexConcurrently\n',
    );
  });

  it('the import is not added twice', () => {
    const imports =
      'from django.contrib.postgres.operations import AddIndexConcurrently\nfrom django.db import migrations, models\n';
    const files = django(migration(ADD_INDEX, '', imports));
    const fixed = expectProven('MIG020', files, fixOf(files) as Fix, ['MIG037']);
    expect(fixed[PATH]?.match(/import AddIndexConcurrently/g)).toHaveLength(1);
  });

  it.each([
    [
      'another operation beside it',
      migration(`${ADD_INDEX},\n        migrations.RunPython(migrations.RunPython.noop)`),
    ],
    ['a name beside it (another operation, read or not)', migration(`${ADD_INDEX},\n        EXTRA`)],
    ['atomic already set', migration(ADD_INDEX, '    atomic = True\n\n')],
    [
      'an import spanning lines',
      migration(ADD_INDEX, '', 'from django.db import (\n    migrations,\n    models,\n)\n'),
    ],
    [
      'AddIndex imported by its own name',
      migration(
        ADD_INDEX.replace('migrations.AddIndex', 'AddIndex'),
        '',
        'from django.db import migrations, models\nfrom django.db.migrations import AddIndex\n',
      ),
    ],
  ])('near miss, no fix: %s', (_what, second) => {
    expect(fixOf(django(second))).toBeUndefined();
  });
});
