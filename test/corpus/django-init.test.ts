import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import {
  detectLayout,
  initMigrationParsers,
  MemoryRepo,
  parsePolicyText,
  renderPolicy,
  runCheck,
} from '@slipway/policy-core';
import { beforeAll, expect, it } from 'vitest';
import { describeWithData } from './corpus-dir.js';

/**
 * `slipway init` on real Django apps (Debian's django-allauth and Django's own contrib apps, from
 * scripts/fetch-django-corpus.sh's cache): it names their migrations folders under
 * `migrations.django` (a glob where one names exactly the apps), takes each app's leaf as applied,
 * and a check under the policy it wrote judges them (no COV001), history only for the graph rules.
 */
beforeAll(() => initMigrationParsers());

const CACHE = join(process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'), 'django');

/** The files under dir, repo-relative to it. */
function filesOf(dir: string, root = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(out, filesOf(full, root));
    else if (name.endsWith('.py')) out[relative(root, full)] = readFileSync(full, 'utf8');
  }
  return out;
}

describeWithData(
  'init on real Django apps',
  existsSync(join(CACHE, 'django-allauth')) && existsSync(join(CACHE, 'django')),
  () => {
    // A project with allauth's apps and Django's contrib apps side by side, and (near miss) a folder
    // of numbered Python migrations of another tool, which is no Django app.
    const files = {
      ...filesOf(join(CACHE, 'django-allauth')),
      ...filesOf(join(CACHE, 'django')),
      'tools/migrations/0001_seed.py': 'import yoyo\n\nsteps = [yoyo.step("SELECT 1")]\n',
    };
    const found = detectLayout(Object.keys(files), {
      readFile: (p) => files[p as keyof typeof files],
      isDirectory: () => false,
    });

    it('names the apps under migrations.django, a glob where it names them exactly', () => {
      expect(found.django).toEqual([
        'allauth/*/migrations',
        'allauth/socialaccount/providers/openid/migrations',
        'django/contrib/*/migrations',
      ]);
      expect(found.decisions).toContain(
        'django/contrib/*/migrations: 23 Django migrations of 7 apps: admin, auth, contenttypes, flatpages, redirects, sessions, sites; checked as Django migrations (migrations.django)',
      );
      expect(found.protectedPaths).toEqual(
        expect.arrayContaining(['allauth/*/migrations/', 'django/contrib/*/migrations/']),
      );
      // Near miss: the other tool's numbered migrations stay what they are (reviewed by hand, COV001).
      expect(found.django.join('\n')).not.toContain('tools');
      expect(found.unjudged.join('\n')).toContain('tools/migrations/0001_seed.py');
    });

    it("takes each app's leaf as applied, and a check under the written policy judges them all, history only for the graph", () => {
      expect(found.appliedThrough).toEqual(
        expect.arrayContaining([
          'auth.0012_alter_user_first_name_max_length',
          'account.0002_email_max_length',
        ]),
      );
      expect(found.appliedThrough).toHaveLength(10);
      const text = renderPolicy(found, 'main');
      expect(text).toContain('  django:\n    - "allauth/*/migrations"\n');
      const policy = parsePolicyText(text, 'slipway.yaml').document;
      if (!policy) throw new Error(text);
      const result = runCheck({ policy, repo: new MemoryRepo({ ...files, 'slipway.yaml': text }) });
      const rules = result.findings.map((f) => `${f.rule} ${f.file}`);
      // True, and the graph rules read history too: allauth picks this migration's dependencies at run
      // time (`if app_settings.SITES_ENABLED`). Nothing else: every destructive or lock finding is history.
      expect(rules.filter((r) => r.startsWith('MIG'))).toEqual([
        'MIG101 allauth/socialaccount/migrations/0001_initial.py',
      ]);
      expect(rules.filter((r) => r.startsWith('COV'))).toEqual(['COV001 tools/migrations/0001_seed.py']);
      expect(result.scope.notJudged[0]?.files.length).toBe(
        Object.keys(files).filter((f) => /\/migrations\/\d{4}_/.test(f) && !f.startsWith('tools/')).length,
      );
    });
  },
  `the Django corpus cache ${CACHE} lacks django-allauth or django (run scripts/fetch-django-corpus.sh)`,
);
