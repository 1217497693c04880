import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../src/change-set.js';
import { initMigrationParsers } from '../../src/index.js';
import { LIMITS } from '../../src/limits.js';
import type { GitFacts } from '../../src/repo.js';
import { check, DROP, keys, POLICY, REV, rev } from './loaded-sql-check.js';

// A load Slipway cannot judge is one error naming the revision and the path; a change to a
// loaded file is a change to its revision, for the change's scope and for applied history.

beforeAll(() => initMigrationParsers());

describe('a revision whose file cannot be judged: one error naming the revision and the path', () => {
  const cases: [string, string, Record<string, string>, RegExp][] = [
    [
      'outside the repository (..)',
      'op.execute(open(os.path.join(os.path.dirname(__file__), "../../../x.sql")).read())',
      {},
      /Revision 0001 runs the SQL in \.\.\/x\.sql .*outside the repository/,
    ],
    [
      'outside the repository (absolute)',
      'op.execute(open("/etc/seed.sql").read())',
      {},
      /Revision 0001 runs the SQL in \/etc\/seed\.sql .*outside the repository/,
    ],
    [
      'missing',
      'op.execute(open("sql/gone.sql").read())',
      {},
      /Revision 0001 runs the SQL in sql\/gone\.sql, which is not in the repository/,
    ],
    [
      'past the SQL size limit',
      'op.execute(open("sql/big.sql").read())',
      { 'sql/big.sql': `-- ${'x'.repeat(LIMITS.sql.chars)}\n${DROP}` },
      /Revision 0001 runs the SQL in sql\/big\.sql, unchecked: sql\/big\.sql is 16 MB/,
    ],
  ];
  for (const [name, upgrade, extra, message] of cases) {
    it(name, () => {
      const found = check({ [REV]: rev(upgrade, 'import os'), ...extra });
      const errors = found.filter((f) => f.severity === 'error');
      expect(errors.map((f) => `${f.rule} ${f.at}`)).toEqual(['MIG030 alembic/versions/0001_seed.py:17']);
      expect(errors[0]?.message).toMatch(message);
    });
  }
});

describe('scope: a loaded file belongs to its revision', () => {
  const files = {
    [REV]: rev('op.execute(open("sql/seed.sql").read())'),
    'sql/seed.sql': DROP,
  };
  const change = (path: string): ChangeSet => ({
    base: 'main',
    head: 'HEAD',
    commits: [],
    files: [{ path, status: 'modified' }],
  });

  it('judges the revision when a change edits only its file', () => {
    expect(keys(check(files, { change: change('sql/seed.sql') }))).toEqual([
      'MIG001 sql/seed.sql:1',
      'MIG037 sql/seed.sql:1',
      'MIG110 alembic/versions/0001_seed.py:20',
    ]);
  });

  it('leaves both alone when the change touches neither', () => {
    expect(keys(check({ ...files, 'README.md': 'x' }, { change: change('README.md') }))).toEqual([]);
  });

  it('judges again an applied revision whose file changed since the deployed commit', () => {
    const sha = 'a'.repeat(40);
    const policy = `${POLICY}deploy:\n  record: deploy/record.json\n  production: main\n`;
    const record = `{"last_good_sha": "${sha}", "deployed_at": "2026-01-01T00:00:00Z", "environment": "production"}\n`;
    const git = (committed: Record<string, string>): GitFacts => ({
      commitExists: (s) => s === sha,
      isAncestor: () => true,
      readFilesAt: (s, paths) =>
        s === sha
          ? new Map(paths.filter((p) => p in committed).map((p) => [p, committed[p] as string]))
          : undefined,
    });
    const all = { ...files, 'deploy/record.json': record };
    const unchanged = check(all, { policy, git: git(files) });
    expect(keys(unchanged).filter((k) => k.startsWith('MIG001'))).toEqual([]);
    const edited = check(all, { policy, git: git({ ...files, 'sql/seed.sql': 'SELECT 1;\n' }) });
    expect(keys(edited).filter((k) => k.startsWith('MIG001'))).toEqual(['MIG001 sql/seed.sql:1']);
  });
});

describe('applied history: a loaded file of an applied revision is not judged', () => {
  it('nor are its suppressions reported as suppressing nothing', () => {
    const policy = `${POLICY}  applied_through: "0001"\n`;
    const files = {
      [REV]: rev('op.execute(open("sql/seed.sql").read())'),
      'sql/seed.sql': '-- slipway: allow MIG001 -- the legacy table went in 2024\nDROP TABLE users;\n',
    };
    expect(keys(check(files, { policy }))).toEqual([]);
  });
});
