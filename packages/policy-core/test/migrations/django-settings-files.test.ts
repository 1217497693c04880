import { describe, expect, it } from 'vitest';
import { djangoSettingsModules, loadedSettingsModules } from '../../src/migrations/django-settings-files.js';

// Which settings modules production is known to load decides whether MIG037 trusts a lock_timeout there.
const MANAGE = (module: string) =>
  `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\n`;
const loaded = (files: Record<string, string>) => {
  const paths = Object.keys(files);
  const entries = paths.filter((p) => /(^|\/)(manage|wsgi|asgi)\.py$/.test(p));
  return [...loadedSettingsModules(djangoSettingsModules(paths), entries, (p) => files[p])].sort();
};

describe('loadedSettingsModules', () => {
  it.each([
    [
      'the module wsgi.py names, and what it imports (relative and absolute)',
      {
        'mysite/wsgi.py': MANAGE('mysite.settings.live'),
        'mysite/settings/live.py': 'from .base import *\nfrom mysite.settings.mail import SMTP\n',
        'mysite/settings/base.py': '',
        'mysite/settings/mail.py': '',
        'mysite/settings/staging.py': 'from .live import *\n',
      },
      ['mysite/settings/base.py', 'mysite/settings/live.py', 'mysite/settings/mail.py'],
    ],
    [
      // Hostile: a module that only sounds like production, beside the one an entry point names.
      'not a production-sounding module when an entry point names another',
      {
        'manage.py': MANAGE('mysite.settings.live'),
        'mysite/settings/live.py': '',
        'mysite/settings/prod_tuning.py': '',
      },
      ['mysite/settings/live.py'],
    ],
    [
      'by convention where no entry point names one: a lone settings.py, a production module',
      {
        'mysite/settings.py': '',
        'other/settings/production.py': 'from .base import *\n',
        'other/settings/base.py': '',
        'other/settings/staging.py': '',
      },
      ['mysite/settings.py', 'other/settings/base.py', 'other/settings/production.py'],
    ],
  ])('%s', (_name, files, expected) => {
    expect(loaded(files)).toEqual(expected);
  });

  it('near miss: test and local settings and installed packages are no settings MIG037 reads', () => {
    expect(
      djangoSettingsModules([
        'mysite/settings/local.py',
        'mysite/settings/test.py',
        '.venv/lib/site-packages/x/settings.py',
        'mysite/settings/live.py',
      ]),
    ).toEqual(['mysite/settings/live.py']);
  });
});
