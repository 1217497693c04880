import { coverageLine, MemoryRepo, parsePolicyText, runCheck } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const DJANGO =
  'from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = []\n';

function check(policyYaml: string, files: Record<string, string>) {
  const text = `version: 1\n${policyYaml}`;
  const doc = parsePolicyText(text, 'slipway.yaml').document;
  if (!doc) throw new Error('policy does not parse');
  return runCheck({ policy: doc, repo: new MemoryRepo({ ...files, 'slipway.yaml': text }) });
}
const cov = (r: ReturnType<typeof check>) =>
  r.findings.filter((f) => f.rule.startsWith('COV')).map((f) => `${f.rule} ${f.severity}`);

describe('the COV findings in a check', () => {
  const django = { 'shop/migrations/0001_initial.py': DJANGO };

  it('are informational by default, and an error where the policy says so (CI can fail on them)', () => {
    expect(cov(check('', django))).toEqual(['COV001 info']);
    expect(cov(check('rules:\n  COV001: error\n', django))).toEqual(['COV001 error']);
    expect(cov(check('rules:\n  COV001: off\n', django))).toEqual([]);
  });

  it('a slipway: allow comment in the unjudged file does not lift its COV finding (the policy does)', () => {
    const allowed = {
      'shop/migrations/0001_initial.py': DJANGO.replace('\n', '  # slipway: allow COV001 -- not ours\n'),
    };
    expect(cov(check('', allowed))).toEqual(['COV001 info']);
  });

  it('the scope counts what each family read; COV reads to recognise and counts as judging nothing', () => {
    const r = check('migrations:\n  sql: ["db/migrations/*.sql"]\n', {
      ...django,
      'db/migrations/001_users.sql': 'CREATE TABLE users (id int);\n',
    });
    expect(r.scope.coverage?.judged).toEqual({ POL: 1, MIG: 1 });
    expect(r.scope.coverage?.notJudged?.map((l) => l.entry.id)).toEqual(['django']);
    expect(r.filesChecked).not.toContain('shop/migrations/0001_initial.py');
  });

  it('counts the .sql files MIG121 searched apart from the migrations (louislam/uptime-kuma: 55 and 55 read "MIG 110")', () => {
    const knex =
      'exports.up = function (knex) {\n  return knex.schema.dropTable("old");\n};\nexports.down = function () {};\n';
    const r = check('migrations:\n  knex: db/knex_migrations\n', {
      'db/knex_migrations/2023-01-01-0000-a.js': knex,
      'db/knex_migrations/2023-01-02-0000-b.js': knex,
      'db/old_migrations/patch1.sql': 'ALTER TABLE monitor ADD COLUMN x int;\n',
    });
    expect(r.findings.filter((f) => f.rule === 'MIG121').map((f) => f.file)).toEqual([
      'db/old_migrations/patch1.sql',
    ]);
    expect(r.scope.coverage?.judged).toEqual({ POL: 1, MIG: 3 });
    expect(r.scope.coverage?.searched).toEqual({ MIG: 1 });
    expect(r.scope.coverage && coverageLine(r.scope.coverage)).toBe(
      'coverage: judged POL 1 file, MIG 3 (2 of the migrations, 1 more its rules searched); nothing recognised left unjudged',
    );
    // Near miss: with no file searched beside them, the count is the migrations' alone.
    const plain = check('migrations:\n  knex: db/knex_migrations\n', {
      'db/knex_migrations/2023-01-01-0000-a.js': knex,
    });
    expect(plain.scope.coverage?.searched).toBeUndefined();
    expect(plain.scope.coverage && coverageLine(plain.scope.coverage)).toBe(
      'coverage: judged POL 1 file, MIG 1; nothing recognised left unjudged',
    );
  });

  it('a key pointed at the wrong files is an error at the key (COV003); the right files are not', () => {
    const wrong = check('migrations:\n  alembic: shop/migrations\n', django);
    expect(
      wrong.findings.filter((f) => f.rule === 'COV003').map((f) => [f.severity, f.file, f.range.start.line]),
    ).toEqual([['error', 'slipway.yaml', 2]]);
    // Near miss: a real Alembic tree with a helper module beside its revisions.
    const right = check('migrations:\n  alembic: alembic/versions\n', {
      'alembic/versions/a1_init.py': 'from alembic import op\n\nrevision = "a1"\ndown_revision = None\n',
      'alembic/versions/helpers.py': 'def noop():\n    pass\n',
    });
    expect(right.findings.filter((f) => f.rule === 'COV003')).toEqual([]);
  });
});
