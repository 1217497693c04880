import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

// Through the built CLI, once each: the text report ends with the coverage line, and JSON and
// SARIF carry the same (the engine's cases are in packages/policy-core/test/layouts/).
const DJANGO =
  'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = []\n';
const ALEMBIC =
  'from alembic import op\n\nrevision = "a1b2c3d4e5f6"\ndown_revision = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n';

let repo: TempRepo;
beforeAll(() => {
  const files: Record<string, string> = {
    'slipway.yaml': 'version: 1\nmigrations:\n  alembic: alembic/versions\n',
    'alembic/versions/a1b2c3d4e5f6_init.py': ALEMBIC,
    'web/package.json': '{ "dependencies": { "react": "18.2.0" } }\n',
    'web/package-lock.json': '{ "lockfileVersion": 3 }\n',
  };
  for (const app of ['shop', 'blog', 'users'])
    for (const n of ['0001_initial', '0002_more']) files[`apps/${app}/migrations/${n}.py`] = DJANGO;
  repo = new TempRepo(files);
  repo.commit('project');
});
afterAll(() => repo.dispose());

describe('the coverage line of check', () => {
  it('the text report ends with it: what each family read, and what was seen and not judged', () => {
    const r = slipway(['check', '--tree'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-2)).toBe('0 errors, 0 warnings, 2 infos in 2 files checked.');
    expect(lines.at(-1)).toBe(
      'coverage: judged POL 1 file, MIG 1; not judged: 6 Django migrations under apps/*/migrations/, 1 npm lock (web/package-lock.json)',
    );
  });

  it('JSON and SARIF carry the same: the line, the layouts, and an informational finding per layout', () => {
    const json = JSON.parse(slipway(['check', '--tree', '--format', 'json'], { cwd: repo.dir }).stdout);
    expect(json.scope.coverage.judged).toEqual({ POL: 1, MIG: 1 });
    expect(
      json.scope.coverage.notJudged.map(
        (l: { layout: string; count: number; place: string; rule: string }) => [
          l.layout,
          l.count,
          l.place,
          l.rule,
        ],
      ),
    ).toEqual([
      ['django', 6, 'apps/*/migrations/', 'COV001'],
      ['npm', 1, 'web/package-lock.json', 'COV002'],
    ]);
    expect(json.findings.map((f: { rule: string; severity: string }) => `${f.rule} ${f.severity}`)).toEqual([
      'COV001 info',
      'COV002 info',
    ]);
    const sarif = JSON.parse(slipway(['check', '--tree', '--format', 'sarif'], { cwd: repo.dir }).stdout);
    const [run] = sarif.runs;
    expect(run.properties.coverage.line).toBe(json.scope.coverage.line);
    expect(run.results.map((r: { ruleId: string; level: string }) => `${r.ruleId} ${r.level}`)).toEqual([
      'COV001 note',
      'COV002 note',
    ]);
  });
});
