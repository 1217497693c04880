import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../src/change-set.js';
import { runCheck } from '../../src/engine.js';
import { initMigrationParsers } from '../../src/index.js';
import { LIMITS } from '../../src/limits.js';
import { parsePolicyText } from '../../src/policy/parse.js';
import { type GitFacts, MemoryRepo } from '../../src/repo.js';
import { migration } from './mig-source.js';

// Files a revision reads and runs belong to it: their statements are judged at the revision,
// the findings in the file, and MIG121 stays for .sql files no revision loads.

beforeAll(() => initMigrationParsers());

const POLICY = 'version: 1\nmigrations:\n  alembic: alembic/versions\n';
const REV = 'alembic/versions/0001_seed.py';
const DROP = 'DROP TABLE users;\n';

function check(
  files: Record<string, string>,
  opts: { change?: ChangeSet; git?: GitFacts; policy?: string } = {},
) {
  const text = opts.policy ?? POLICY;
  const policy = parsePolicyText(text, 'slipway.yaml').document;
  if (!policy) throw new Error('bad test policy');
  const repo = new MemoryRepo({ 'slipway.yaml': text, ...files }, opts.git);
  const result = runCheck({ policy, repo, ...(opts.change ? { change: opts.change } : {}) });
  return result.findings.map((f) => ({
    rule: f.rule,
    at: `${f.file}:${f.range.start.line + 1}`,
    message: f.message,
    severity: f.severity,
    related: f.related?.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`),
  }));
}

const rev = (upgrade: string, head = '') =>
  migration('0001', null, upgrade).replace('from alembic import op', `from alembic import op\n${head}`);

const keys = (fs: ReturnType<typeof check>) => fs.map((f) => `${f.rule} ${f.at}`).sort();

describe('a revision that runs a .sql file', () => {
  const forms: [string, string, string][] = [
    ['open(literal).read()', 'op.execute(open("alembic/sql/seed.sql").read())', ''],
    [
      'os.path.join(os.path.dirname(__file__), ...)',
      'op.execute(open(os.path.join(os.path.dirname(__file__), "..", "sql", "seed.sql")).read())',
      'import os',
    ],
    [
      'Path(__file__).parent / ...',
      'op.execute((Path(__file__).parent.parent / "sql" / "seed.sql").read_text())',
      'from pathlib import Path',
    ],
    [
      'with open(...) as f',
      'path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../sql/seed.sql")\nwith open(path) as f:\n    op.execute(sa.text(f.read()))',
      'import os',
    ],
    [
      'importlib.resources.read_text',
      'op.execute(importlib.resources.read_text("alembic.sql", "seed.sql"))',
      'import importlib.resources',
    ],
    [
      'resources.files(pkg) / name',
      'op.execute((resources.files("alembic.sql") / "seed.sql").read_text())',
      'from importlib import resources',
    ],
    [
      'a module constant',
      'op.execute(SQL)',
      'SQL = (Path(__file__).parent / "../sql/seed.sql").read_text()\nfrom pathlib import Path',
    ],
  ];
  for (const [name, upgrade, head] of forms) {
    it(`judges its statements at the revision: ${name}`, () => {
      const found = check({ [REV]: rev(upgrade, head), 'alembic/sql/seed.sql': `SELECT 1;\n${DROP}` });
      const drop = found.find((f) => f.rule === 'MIG001');
      expect(drop?.at).toBe('alembic/sql/seed.sql:2');
      expect(drop?.related).toContainEqual(
        expect.stringMatching(/^alembic\/versions\/0001_seed\.py:\d+ run by revision 0001 here$/),
      );
      expect(found.map((f) => f.rule)).not.toContain('MIG121');
      expect(found.map((f) => f.rule)).not.toContain('MIG030');
    });
  }

  it('resolves a module-level helper from its call sites, one file per call', () => {
    const helper = [
      'HERE = os.path.dirname(__file__)',
      '',
      '',
      'def _sql(name):',
      '    path = os.path.join(HERE, "..", "sql", name)',
      '    with open(path) as f:',
      '        return f.read()',
      '',
    ].join('\n');
    const found = check({
      [REV]: rev('op.execute(_sql("a.sql"))\nop.execute(_sql(name="b.sql"))', `import os\n${helper}`),
      'alembic/sql/a.sql': 'CREATE TABLE t (id int);\n',
      'alembic/sql/b.sql': 'CREATE TABLE u (id int);\nALTER TABLE users DROP COLUMN email;\n',
      'alembic/sql/c.sql': 'CREATE TABLE v (id int);\n',
    });
    // b.sql's drop is the revision's: no lock_timeout before it (MIG037), no way back (MIG110).
    expect(keys(found)).toEqual([
      'MIG002 alembic/sql/b.sql:2',
      'MIG037 alembic/sql/b.sql:2',
      'MIG110 alembic/versions/0001_seed.py:29',
      'MIG121 alembic/sql/c.sql:1',
    ]);
  });

  it('follows a helper that runs the file itself', () => {
    const helper =
      'def run_file(name):\n    op.execute(open(os.path.join(os.path.dirname(__file__), name)).read())\n';
    const found = check({
      [REV]: rev('run_file("0001.sql")', `import os\n${helper}`),
      'alembic/versions/0001.sql': DROP,
    });
    expect(keys(found)).toEqual([
      'MIG001 alembic/versions/0001.sql:1',
      'MIG037 alembic/versions/0001.sql:1',
      'MIG110 alembic/versions/0001_seed.py:23',
    ]);
  });

  it('reads a relative literal from every folder alembic may run in: the top and an alembic.ini folder', () => {
    const policy = 'version: 1\nmigrations:\n  alembic: backend/alembic/versions\n';
    const found = check(
      {
        'backend/alembic.ini': '[alembic]\nscript_location = alembic\n',
        'backend/alembic/versions/0001_seed.py': rev('op.execute(open("sql/seed.sql").read())'),
        'sql/seed.sql': 'SELECT 1;\n',
        'backend/sql/seed.sql': DROP,
      },
      { policy },
    );
    expect(keys(found)).toEqual([
      'MIG001 backend/sql/seed.sql:1',
      'MIG037 backend/sql/seed.sql:1',
      'MIG110 backend/alembic/versions/0001_seed.py:20',
    ]);
  });

  it('claims no file for a helper that returns a literal on another path', () => {
    const helper = [
      'def _sql(name):',
      '    if name == "drop":',
      '        return "DROP TABLE users"',
      '    return open(os.path.join(os.path.dirname(__file__), name)).read()',
      '',
    ].join('\n');
    const found = check({
      [REV]: rev('op.execute(_sql("seed.sql"))', `import os\n${helper}`),
      'alembic/versions/seed.sql': 'SELECT 1;\n',
    });
    expect(keys(found)).toEqual(['MIG030 alembic/versions/0001_seed.py:22']);
    expect(found[0]?.message).toMatch(/returns more than a file's text/);
  });

  it('judges the file in the revision: a table the revision made is new, a CONCURRENTLY inside its transaction is not', () => {
    const found = check({
      [REV]: rev('op.create_table("t", sa.Column("id", sa.Integer()))\nop.execute(open("sql/s.sql").read())'),
      'sql/s.sql': 'DROP TABLE t;\nCREATE INDEX CONCURRENTLY ix ON users (id);\n',
    });
    expect(keys(found)).toContain('MIG021 sql/s.sql:2');
    expect(keys(found)).not.toContain('MIG001 sql/s.sql:1');
  });

  it('keeps MIG121 for a .sql file no revision loads, and for one the revision only mentions', () => {
    const found = check({
      [REV]: rev('op.execute("SELECT 1")  # sql/seed.sql is applied by hand'),
      'sql/seed.sql': DROP,
    });
    expect(keys(found)).toEqual(['MIG121 sql/seed.sql:1']);
  });

  it('does not count a load outside upgrade() and downgrade() (a function nothing calls)', () => {
    const found = check({
      [REV]: `${rev('pass')}\n\ndef _never():\n    op.execute(open("sql/seed.sql").read())\n`,
      'sql/seed.sql': DROP,
    });
    expect(keys(found)).toEqual(['MIG121 sql/seed.sql:1']);
  });

  it('reports a path it cannot follow at the call, and leaves the files to MIG121', () => {
    const found = check({
      [REV]: rev('name = "seed"\nop.execute(open(f"sql/{name}.sql").read())'),
      'sql/seed.sql': DROP,
    });
    expect(keys(found)).toEqual(['MIG030 alembic/versions/0001_seed.py:18', 'MIG121 sql/seed.sql:1']);
    expect(found.find((f) => f.rule === 'MIG030')?.message).toMatch(/cannot tell which file statically/);
  });

  it("runs a downgrade()'s file as the downgrade", () => {
    const text = migration('0001', null, 'op.create_table("t", sa.Column("id", sa.Integer()))', {
      downgrade: 'op.execute(open("sql/down.sql").read())',
    });
    const found = check({ [REV]: text, 'sql/down.sql': 'DROP TABLE t;\n' });
    expect(keys(found)).toEqual([]);
  });
});

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
