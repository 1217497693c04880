import { beforeAll, describe, expect, it } from 'vitest';
import { type ChangeSet, initMigrationParsers, MemoryRepo, runCheck } from '../../src/index.js';
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
    expect(found.protectedPaths.join('\n')).not.toMatch(/venv/);
    // seed/'s yoyo migrations are a history no reader judges: said so, and protected as one.
    expect(found.unjudged.join('\n')).toMatch(/seed\/migrations/);
    expect(found.protectedPaths).toContain('seed/migrations/');
  });
});

describe('init protects the Django settings MIG037 reads', () => {
  const settings = 'DATABASES = {"default": {"OPTIONS": {"options": "-c lock_timeout=5000"}}}\n';
  const project = {
    'shop/migrations/0001_initial.py': migration('', CREATE),
    'mysite/settings/__init__.py': '',
    'mysite/settings/base.py': settings,
    'mysite/settings/live.py': 'from .base import *\n',
    'mysite/settings/local.py': 'from .base import *\nDEBUG = True\n',
    'mysite/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.live")\n',
    'mysite/urls.py': 'urlpatterns = []\n',
    'docs/guide.md': '# guide\n',
  };
  const found = detectIn(project);
  const { text, policy } = initPolicy(found);
  // An agent's branch changing one file: what the path rules say of it.
  const agentEdits = (path: string, body: string) => {
    const change: ChangeSet = {
      base: 'b',
      head: 'h',
      files: [{ status: 'modified', path }],
      branch: 'auto/tune-db',
      labels: [],
      commits: [],
    };
    const repo = new MemoryRepo({ ...project, [path]: body, 'slipway.yaml': text });
    return runCheck({ policy, repo, change, only: ['PATH'] }).findings.map((f) => `${f.rule} ${f.file}`);
  };

  it('writes the settings modules and the entry point naming one under protected.paths, and says so', () => {
    expect(found.protectedPaths).toEqual(
      expect.arrayContaining([
        'mysite/settings/__init__.py',
        'mysite/settings/base.py',
        'mysite/settings/live.py',
        'mysite/wsgi.py',
      ]),
    );
    expect(found.decisions.join('\n')).toContain('the Django settings MIG037 reads');
  });

  it("an agent's edit of a settings module (turning the lock_timeout off) is PATH003", () => {
    expect(agentEdits('mysite/settings/base.py', 'DATABASES = {"default": {}}\n')).toContain(
      'PATH003 mysite/settings/base.py',
    );
    // Pointing production at another settings module is the same move.
    const repoint = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.local")\n';
    expect(agentEdits('mysite/wsgi.py', repoint)).toContain('PATH003 mysite/wsgi.py');
  });

  it('near miss: local settings and the rest of the project stay unprotected (no PATH003)', () => {
    expect(found.protectedPaths).not.toContain('mysite/settings/local.py');
    expect(
      agentEdits('mysite/urls.py', 'urlpatterns = [1]\n').filter((f) => f.startsWith('PATH003')),
    ).toEqual([]);
    expect(
      agentEdits('mysite/settings/local.py', 'DEBUG = False\n').filter((f) => f.startsWith('PATH003')),
    ).toEqual([]);
  });
});
