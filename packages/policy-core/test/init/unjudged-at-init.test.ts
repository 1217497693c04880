import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryRepo, runCheck } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { detectIn, initPolicy } from './init-harness.js';

const DJANGO =
  'from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = []\n';
const RAILS = 'class Users < ActiveRecord::Migration[7.1]; end\n';
const ALEMBIC =
  'from alembic import op\n\nrevision = "a1"\ndown_revision = None\n\ndef upgrade():\n    pass\n';

describe('init names what it sees and the policy it writes leaves unjudged', () => {
  const files: Record<string, string> = {
    'alembic.ini': '[alembic]\nscript_location = alembic\n',
    'alembic/env.py': 'from alembic import context\n',
    'alembic/script.py.mako': '',
    'alembic/versions/a1_init.py': ALEMBIC,
    'shop/migrations/0001_initial.py': DJANGO,
    'shop/migrations/0002_order.py': DJANGO,
    'blog/migrations/0001_initial.py': DJANGO,
    'db/migrate/20240101_users.rb': 'class Users < ActiveRecord::Migration[7.1]; end\n',
    'web/package.json': '{ "dependencies": { "react": "18.2.0" } }',
    'web/bun.lockb': '\u0000bun-lockfile-format-v0\n',
  };

  it('in its decisions and as a comment of the policy, with the rule that reports each', () => {
    const found = detectIn(files);
    expect(found.decisions).toEqual(
      expect.arrayContaining([
        // Django's migrations are judged: init names their folders under migrations.django.
        '*/migrations: 3 Django migrations of 2 apps: blog, shop; checked as Django migrations (migrations.django)',
        'not judged: 1 Rails migration (db/migrate/20240101_users.rb): review them by hand (Slipway has no Rails reader) (COV001)',
        expect.stringMatching(
          /^not judged: 1 Bun binary lock \(web\/bun\.lockb\): run `bun install --save-text-lockfile` .* \(COV002\)$/,
        ),
      ]),
    );
    const { text } = initPolicy(found);
    expect(text).toContain('# Seen and not judged: every check lists these (COV001, COV002, info);');
    expect(text).toContain('#   1 Rails migration (db/migrate/20240101_users.rb): review them by hand');
    // The Alembic tree and the Django apps init configures are judged: not named.
    expect(found.unjudged.join('\n')).not.toMatch(/Alembic|Django/);
  });

  it('protects the folders of the migrations it cannot judge, as it protects those it judges', () => {
    const found = detectIn(files);
    // The Rails history: no rule reviews an agent's edit there, so a person does (PATH003).
    expect(found.protectedPaths).toContain('db/migrate/');
    // Near miss: an unjudged lock is not a migration; web/ is not protected for it.
    expect(found.protectedPaths.join('\n')).not.toMatch(/web/);
    // Nested folders of one history give their outermost folder once.
    const nested = detectIn({
      'db/migrate/20240101_users.rb': RAILS,
      'db/migrate/old/20230101_users.rb': RAILS,
      'engines/a/db/migrate/20240101_a.rb': RAILS,
    });
    expect(nested.protectedPaths.filter((p) => p.includes('migrate'))).toEqual([
      'db/migrate/',
      'engines/a/db/migrate/',
    ]);
    const { policy } = initPolicy(found);
    const agentEdit = runCheck({
      policy,
      repo: new MemoryRepo({ ...files, 'slipway.yaml': initPolicy(found).text }),
      change: {
        base: 'b',
        head: 'h',
        files: [{ status: 'modified', path: 'db/migrate/20240101_users.rb' }],
        commits: [],
        branch: 'auto/x',
      },
    });
    expect(agentEdit.findings.map((f) => f.rule)).toContain('PATH003');
  });

  it("a check under init's policy lists the same layouts init named, and no others", () => {
    const found = detectIn(files);
    const { text, policy } = initPolicy(found);
    const result = runCheck({ policy, repo: new MemoryRepo({ ...files, 'slipway.yaml': text }) });
    const named = (result.scope.coverage?.notJudged ?? []).map((l) => l.entry.id);
    expect(named).toEqual(['rails', 'bun-binary']);
    expect(result.findings.filter((f) => f.rule.startsWith('COV')).map((f) => `${f.rule} ${f.file}`)).toEqual(
      ['COV001 db/migrate/20240101_users.rb', 'COV002 web/bun.lockb'],
    );
  });

  it("a bun.lock workspace init pairs is judged by init's policy: every workspace read, nothing listed unjudged", () => {
    const dir = join(import.meta.dirname, '../requirements/fixtures/npm/bun-workspaces');
    const project: Record<string, string> = {};
    for (const p of ['package.json', 'bun.lock', 'packages/util/package.json', 'packages/web/package.json'])
      project[`web/${p}`] = readFileSync(join(dir, p), 'utf8');
    const { text, policy } = initPolicy(detectIn(project));
    expect(text).toContain('  - requirements: "web/package.json"  # bun\n    lock: "web/bun.lock"');
    const result = runCheck({ policy, repo: new MemoryRepo({ ...project, 'slipway.yaml': text }) });
    expect(result.findings.filter((f) => /^(DEP|COV)/.test(f.rule))).toEqual([]);
    expect(result.scope.coverage?.notJudged ?? []).toEqual([]);
    // Near miss: a workspace's range past the lock is found under that policy.
    const drifted = {
      ...project,
      'web/packages/util/package.json':
        project['web/packages/util/package.json']?.replace('^1.3.0', '^2.0.0') ?? '',
    };
    const again = runCheck({ policy, repo: new MemoryRepo({ ...drifted, 'slipway.yaml': text }) });
    expect(again.findings.map((f) => `${f.rule} ${f.file}`)).toContain(
      'DEP012 web/packages/util/package.json',
    );
  });

  it('a file name with a line break cannot end the comment and write policy keys', () => {
    const hostile = 'x\nrules:\n  MIG001: off\n#/db/migrate/20240101_users.rb';
    const found = detectIn({ [hostile]: RAILS });
    const { text, policy } = initPolicy(found);
    expect(policy.policy.rules?.MIG001).toBeUndefined();
    expect(text).toContain('(x\\nrules:\\n  MIG001: off\\n#/db/migrate/20240101_users.rb)');
    // Nor can a Django app folder's name, written as a quoted policy value.
    const django = initPolicy(detectIn({ 'x\nrules:\n  MIG001: off\n#/migrations/0001_initial.py': DJANGO }));
    expect(django.policy.policy.rules?.MIG001).toBeUndefined();
    expect(django.text).toContain('django: "x\\nrules:\\n  MIG001: off\\n#/migrations"');
    // Near miss: an ordinary name is written as it is.
    expect(initPolicy(detectIn({ 'db/migrate/20240101_users.rb': RAILS })).text).toContain(
      '#   1 Rails migration (db/migrate/20240101_users.rb): review them by hand',
    );
  });

  it('a repository with nothing unjudged gets no such comment', () => {
    const found = detectIn({
      'alembic/env.py': '',
      'alembic/script.py.mako': '',
      'alembic/versions/a1_init.py': ALEMBIC,
    });
    expect(found.unjudged).toEqual([]);
    expect(initPolicy(found).text).not.toContain('Seen and not judged');
  });
});

describe('what init declines, its not-judged lines do not say it proposes', () => {
  it('a requirements file with no lock and a lock with no package.json: "not paired", and no "init proposes it"', () => {
    const found = detectIn({
      'requirements.txt': 'requests>=2\nflask\n',
      'sub/package-lock.json': '{ "lockfileVersion": 3, "packages": {} }\n',
    });
    expect(found.decisions).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^requirements\.txt: no lock beside it .*; not paired$/),
        'sub/package-lock.json: no package.json beside it; not paired',
      ]),
    );
    const unjudged = found.decisions.filter((d) => d.startsWith('not judged:'));
    expect(unjudged).toHaveLength(2);
    for (const line of unjudged) expect(line).not.toMatch(/`slipway init` proposes it\)/);
    expect(unjudged.join('\n')).toContain('a requirements file with no lock is paired with none');
    expect(unjudged.join('\n')).toContain('a lock with none beside it belongs to no package');
  });
});
