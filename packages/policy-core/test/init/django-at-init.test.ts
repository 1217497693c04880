import { beforeAll, describe, expect, it } from 'vitest';
import { initMigrationParsers, MemoryRepo, runCheck } from '../../src/index.js';
import { detectIn, initPolicy } from './init-harness.js';

beforeAll(() => initMigrationParsers());

const migration = (deps: string, ops = '') =>
  `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n    operations = [${ops}]\n`;
const CREATE = 'migrations.CreateModel(name="Order", fields=[("id", models.AutoField(primary_key=True))])';

describe('init writes Django apps under migrations.django', () => {
  const app = {
    'shop/migrations/__init__.py': '',
    'shop/migrations/0001_initial.py': migration('', CREATE),
    'blog/migrations/0001_initial.py': migration('', CREATE.replace('Order', 'Post')),
  };

  it("takes each app's leaf as applied, and a migration added after init is judged (DeleteModel: MIG001)", () => {
    const found = detectIn(app);
    expect(found.django).toEqual(['*/migrations']);
    expect(found.appliedThrough).toEqual(['blog.0001_initial', 'shop.0001_initial']);
    const { text, policy } = initPolicy(found);
    expect(text).toContain('migrations:\n  django: "*/migrations"\n');
    const check = (extra: Record<string, string>) =>
      runCheck({
        policy,
        repo: new MemoryRepo({ ...app, ...extra, 'slipway.yaml': text }),
        only: ['MIG'],
      }).findings.map((f) => `${f.rule} ${f.file}`);
    expect(check({})).toEqual([]);
    const drop = migration('("shop", "0001_initial")', 'migrations.DeleteModel(name="Order")');
    expect(check({ 'shop/migrations/0002_drop.py': drop })).toContain('MIG001 shop/migrations/0002_drop.py');
  });

  it('near miss: a glob that would also take a folder Django does not own is written as each app instead', () => {
    const found = detectIn({ ...app, 'tools/migrations/helpers.py': 'def helper():\n    pass\n' });
    expect(found.django).toEqual(['blog/migrations', 'shop/migrations']);
  });

  it("near miss: an installed package's migrations (a virtualenv) and a folder importing no django are not the project's apps", () => {
    const found = detectIn({
      ...app,
      '.venv/lib/python3.12/site-packages/django/contrib/auth/migrations/0001_initial.py': migration(''),
      'seed/migrations/0001_seed.py': 'import yoyo\n',
    });
    // (seed/ is a folder `*/migrations` would take too: each app is named instead.)
    expect(found.django).toEqual(['blog/migrations', 'shop/migrations']);
    expect(found.protectedPaths.join('\n')).not.toMatch(/venv|seed/);
  });
});
