import { initSqlParser, MemoryRepo, MigrationAnalyzer, parsePolicyText } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pathRoles } from '../../src/rules/paths/facts/path-roles.js';
import { check, INITIAL, migration, POLICY, SECOND } from './django-app.js';

/** A Django app's migrations as a graph (MIG100, MIG101, squashed migrations), and what explain says of them. */
beforeAll(() => initSqlParser());

describe('explain', () => {
  it('describes a Django migration as one, with its app; near miss: the package __init__.py is none', () => {
    const doc = parsePolicyText(POLICY, 'slipway.yaml').document;
    if (!doc) throw new Error('policy');
    const repo = new MemoryRepo({
      'slipway.yaml': POLICY,
      'shop/migrations/__init__.py': '',
      'shop/migrations/0001_initial.py': INITIAL,
    });
    expect(pathRoles(doc, repo, 'shop/migrations/0001_initial.py').join('\n')).toContain(
      'a Django migration of the app shop (migrations.django)',
    );
    expect(pathRoles(doc, repo, 'shop/migrations/__init__.py').join('\n')).not.toContain('Django');
    expect(pathRoles(doc, repo, 'shop/models.py').join('\n')).not.toContain('Django');
  });
});

describe('Django migration graph', () => {
  it("two leaves in one app are MIG100 (Django's conflicting migrations)", () => {
    const found = check({
      [SECOND]: migration('migrations.RunSQL("SELECT 1")'),
      'shop/migrations/0002_other.py': migration('migrations.RunSQL("SELECT 2")'),
    });
    expect(
      found
        .filter((f) => f.rule === 'MIG100')
        .map((f) => f.file)
        .sort(),
    ).toEqual([SECOND, 'shop/migrations/0002_other.py']);
    expect(found.find((f) => f.rule === 'MIG100')?.message).toContain('makemigrations --merge');
  });

  it('near miss: a merge migration depending on both leaves', () => {
    const found = check({
      [SECOND]: migration('migrations.RunSQL("SELECT 1")'),
      'shop/migrations/0002_other.py': migration('migrations.RunSQL("SELECT 2")'),
      'shop/migrations/0003_merge.py': migration(
        'migrations.RunSQL("SELECT 3")',
        '',
        '[("shop", "0002_change"), ("shop", "0002_other")]',
      ),
    });
    expect(found.map((f) => f.rule)).not.toContain('MIG100');
  });

  it('a dependency that does not exist is MIG101, same app or another configured app', () => {
    const found = check({
      [SECOND]: migration(
        'migrations.RunSQL("SELECT 1")',
        '',
        '[("shop", "0001_initail"), ("blog", "0009_gone")]',
      ),
      'blog/migrations/0001_initial.py': migration('migrations.RunSQL("SELECT 1")', '', '[]'),
    });
    const messages = found.filter((f) => f.rule === 'MIG101').map((f) => f.message);
    expect(messages).toHaveLength(2);
    expect(messages.join('\n')).toContain('"0001_initail"');
    expect(messages.join('\n')).toContain('("blog", "0009_gone")');
  });

  it('near miss: a dependency on an app not configured (django.contrib, a library) and a swappable one', () => {
    const found = check({
      [SECOND]: migration(
        'migrations.RunSQL("SELECT 1")',
        '',
        '[("shop", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]',
      ),
    });
    expect(found.map((f) => f.rule)).not.toContain('MIG101');
  });

  it('near miss: a squashed migration beside the ones it replaces is no second leaf', () => {
    const found = check({
      [SECOND]: migration('migrations.RunSQL("SELECT 1")'),
      'shop/migrations/0001_squashed_0002_change.py': migration(
        'migrations.RunSQL("SELECT 1")',
        '    replaces = [("shop", "0001_initial"), ("shop", "0002_change")]\n',
        '[]',
      ),
      'shop/migrations/0003_next.py': migration(
        'migrations.RunSQL("SELECT 3")',
        '',
        '[("shop", "0002_change")]',
      ),
    });
    expect(found.map((f) => f.rule)).not.toContain('MIG100');
    expect(found.map((f) => f.rule)).not.toContain('MIG101');
  });
});

describe('Django trees read again (the editor, a long-lived workspace)', () => {
  const third = migration(
    'migrations.AlterField(model_name="author", name="name", field=models.CharField(max_length=40))',
    '',
    '[("shop", "0002_change")]',
  );
  const files = (second: string) => ({
    'shop/migrations/__init__.py': '',
    'shop/migrations/0001_initial.py': INITIAL,
    [SECOND]: second,
    'shop/migrations/0003_later.py': third,
  });
  const read = (analyzer: MigrationAnalyzer, second: string) => {
    const repo = new MemoryRepo(files(second));
    const tree = analyzer.analyze(repo, { alembic: [], sqlFiles: [], django: ['shop/migrations'] }).trees[0];
    return (path: string) => tree?.modules.find((m) => m.path === path);
  };
  const secondOf = (nullable: boolean, comment = '') =>
    migration(
      `migrations.AlterField(model_name="author", name="name", field=models.CharField(max_length=20${nullable ? ', null=True' : ''}))${comment}`,
    );

  it('a later migration whose state changed gets new ops (SET NOT NULL now); near miss: an edit that changes no state keeps its module', () => {
    const analyzer = new MigrationAnalyzer();
    const before = read(analyzer, secondOf(true))('shop/migrations/0003_later.py');
    expect(before?.upgrade?.ops.map((o) => o.kind)).toContain('set_not_null');
    // A comment in 0002: the same state after it, the same module object for 0003 (its findings kept).
    const same = read(analyzer, secondOf(true, '  # widened'))('shop/migrations/0003_later.py');
    expect(same).toBe(before);
    // 0002 now leaves the column NOT NULL: 0003 no longer sets it.
    const after = read(analyzer, secondOf(false))('shop/migrations/0003_later.py');
    expect(after).not.toBe(before);
    expect(after?.upgrade?.ops.map((o) => o.kind)).not.toContain('set_not_null');
  });
});
