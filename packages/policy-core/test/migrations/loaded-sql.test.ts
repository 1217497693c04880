import { beforeAll, describe, expect, it } from 'vitest';
import { initMigrationParsers } from '../../src/index.js';
import { check, DROP, keys, REV, rev } from './loaded-sql-check.js';
import { migration } from './mig-source.js';

// Files a revision reads and runs belong to it: their statements are judged at the revision,
// the findings in the file, and MIG121 stays for .sql files no revision loads.

beforeAll(() => initMigrationParsers());

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
      'a helper joining name + ".sql", returning sa.text(f.read()), run on the connection',
      'op.get_bind().execute(sqlfile("../sql/seed"))',
      'import os\n\n\ndef sqlfile(name):\n    directory = os.path.dirname(__file__)\n    with open(os.path.join(directory, name + ".sql")) as fo:\n        return sa.text(fo.read())\n',
    ],
    [
      'os.path.dirname(__file__) + "/..."',
      'op.execute(open(os.path.dirname(__file__) + "/../sql/seed.sql").read())',
      'import os',
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

  it("reads the revision's own name with another suffix: Path(__file__).with_suffix and .name", () => {
    const head = [
      'from pathlib import Path',
      'migration_path = Path(__file__)',
      "upgrade_sql = migration_path.parent.parent / 'sql' / 'upgrade' / migration_path.with_suffix('.sql').name",
    ].join('\n');
    const second = migration(
      '0002',
      '0001',
      'file_text = Path(__file__).with_suffix(".sql").read_text()\nif file_text:\n    op.execute(file_text)',
    ).replace('from alembic import op', 'from alembic import op\nfrom pathlib import Path');
    const found = check({
      'alembic/versions/0001_seed.py': rev(
        "with open(upgrade_sql, 'r') as fp:\n    op.execute(fp.read())",
        head,
      ),
      'alembic/versions/0002_more.py': second,
      'alembic/sql/upgrade/0001_seed.sql': DROP,
      'alembic/versions/0002_more.sql': 'ALTER TABLE users DROP COLUMN email;\n',
    });
    expect(keys(found).filter((k) => /MIG00[12]/.test(k))).toEqual([
      'MIG001 alembic/sql/upgrade/0001_seed.sql:1',
      'MIG002 alembic/versions/0002_more.sql:1',
    ]);
  });

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
      [REV]: rev('name = os.environ["SEED"]\nop.execute(open(f"sql/{name}.sql").read())', 'import os'),
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
