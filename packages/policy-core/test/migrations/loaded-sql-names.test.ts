import { beforeAll, describe, expect, it } from 'vitest';
import { initMigrationParsers } from '../../src/index.js';
import { check, keys, REV, rev } from './loaded-sql-check.js';
import { migration } from './mig-source.js';

// A revision that names its .sql files in the strings it reads them with (a literal list it loops
// over, an f-string of known names, importlib.resources.files) loads each of them; a read whose
// names are known only at run time, and a name the revision mentions but never reads, claim nothing.

beforeAll(() => initMigrationParsers());

const A = 'DROP TABLE users;\n';
const B = 'ALTER TABLE teams DROP COLUMN email;\n';
/** Two files in alembic/sql: a's drop is MIG001, b's MIG002. */
const FILES = { 'alembic/sql/a.sql': A, 'alembic/sql/b.sql': B };
const SQL_DIR = 'from pathlib import Path\nSQL_DIR = Path(__file__).parent.parent / "sql"';
const HERE = 'import os\nHERE = os.path.dirname(__file__)';

const rules = (found: ReturnType<typeof check>) => found.map((f) => f.rule);
const drops = (found: ReturnType<typeof check>) =>
  keys(found).filter((k) => /^MIG00[12] /.test(k) || k.startsWith('MIG121') || k.startsWith('MIG030'));

describe('a revision that names its files in the strings it reads them with', () => {
  const loops: [string, string, string][] = [
    [
      'a loop over a literal list, (SQL_DIR / name).read_text()',
      'for name in ["a.sql", "b.sql"]:\n    op.execute((SQL_DIR / name).read_text())',
      SQL_DIR,
    ],
    [
      'a loop over a tuple, with open(HERE / "sql" / f) as fh',
      'for f in ("a.sql", "b.sql"):\n    with open(Path(HERE) / ".." / "sql" / f) as fh:\n        op.execute(fh.read())',
      `${HERE}\nfrom pathlib import Path`,
    ],
    [
      'a loop over a module constant, the read bound in the body',
      'for name in NAMES:\n    sql = open(os.path.join(HERE, "..", "sql", name)).read()\n    op.execute(sql)',
      `${HERE}\nNAMES = ("a.sql", "b.sql")`,
    ],
    [
      'a loop over stems, an f-string path',
      'for stem in ["a", "b"]:\n    op.execute(open(f"alembic/sql/{stem}.sql").read())',
      '',
    ],
    [
      'a loop variable passed to a helper that returns the text',
      'for name in ["a.sql", "b.sql"]:\n    op.execute(sa.text(_sql(name)))',
      `${HERE}\n\n\ndef _sql(name):\n    with open(os.path.join(HERE, "../sql", name)) as f:\n        return f.read()\n`,
    ],
    [
      'a loop variable passed to a helper that runs the file itself',
      'for name in ["a.sql", "b.sql"]:\n    run_file(name)',
      `${HERE}\n\n\ndef run_file(n):\n    op.execute(open(os.path.join(HERE, "..", "sql", n)).read())\n`,
    ],
    [
      'nested loops, a package resource per element',
      'for folder in ["sql"]:\n    for name in ["a.sql", "b.sql"]:\n        op.execute(importlib.resources.files(f"alembic.{folder}").joinpath(name).read_text())',
      'import importlib.resources',
    ],
  ];
  for (const [name, upgrade, head] of loops) {
    it(`loads every file of the loop, in turn: ${name}`, () => {
      const found = check({ [REV]: rev(upgrade, head), ...FILES });
      expect(drops(found)).toEqual(['MIG001 alembic/sql/a.sql:1', 'MIG002 alembic/sql/b.sql:1']);
      for (const f of found.filter((f) => f.at.startsWith('alembic/sql/')))
        expect(f.related).toContainEqual(
          expect.stringMatching(/0001_seed\.py:\d+ run by revision 0001 here$/),
        );
    });
  }

  const single: [string, string, string, string][] = [
    [
      'an f-string of the revision id beside the revision',
      'op.execute(open(os.path.join(HERE, f"{revision}_upgrade.sql")).read())',
      HERE,
      'alembic/versions/0001_upgrade.sql',
    ],
    [
      'importlib.resources.files(pkg).joinpath(name).read_text()',
      'op.execute(importlib.resources.files("alembic.sql").joinpath("a.sql").read_text())',
      'import importlib.resources',
      'alembic/sql/a.sql',
    ],
    [
      'importlib_resources.files(pkg) / name, .open().read()',
      'op.execute((importlib_resources.files("alembic.sql") / "a.sql").open().read())',
      'import importlib_resources',
      'alembic/sql/a.sql',
    ],
    [
      'a literal joined to an f-string of a name bound in the body',
      'which = "a"\nop.execute(open("alembic/" f"sql/{which}.sql").read())',
      '',
      'alembic/sql/a.sql',
    ],
  ];
  for (const [name, upgrade, head, file] of single) {
    it(`loads the file it names: ${name}`, () => {
      const found = check({ [REV]: rev(upgrade, head), [file]: A });
      expect(drops(found)).toEqual([`MIG001 ${file}:1`]);
    });
  }

  it("runs a loop in downgrade() as the downgrade: dropping what the revision's upgrade made", () => {
    const text = migration('0001', null, 'op.create_table("t1", sa.Column("id", sa.Integer()))', {
      downgrade: 'for n in ("d1", "d2"):\n    op.execute(open(f"sql/{n}.sql").read())',
    });
    const files = { 'sql/d1.sql': 'DROP TABLE t1;\n', 'sql/d2.sql': 'DROP TABLE t2;\n' };
    expect(keys(check({ [REV]: text, ...files }))).toEqual([]);
    // The same loop in upgrade() drops tables it did not make: MIG001 on each file.
    const up = migration('0001', null, 'for n in ("d1", "d2"):\n    op.execute(open(f"sql/{n}.sql").read())');
    expect(drops(check({ [REV]: up, ...files }))).toEqual(['MIG001 sql/d1.sql:1', 'MIG001 sql/d2.sql:1']);
  });
});

describe('near misses: what the revision does not read by a name known statically', () => {
  const unresolved: [string, string, string, RegExp][] = [
    [
      'a loop over os.listdir',
      'for name in sorted(os.listdir(SQL_DIR)):\n    op.execute((SQL_DIR / name).read_text())',
      `import os\n${SQL_DIR}`,
      /the loop variable `name`, which loops over `sorted\(os\.listdir\(SQL_DIR\)\)`, not a literal list/,
    ],
    [
      'a helper given the variable of a loop over os.listdir',
      'for name in os.listdir(HERE):\n    run_file(name)',
      `${HERE}\n\n\ndef run_file(n):\n    op.execute(open(os.path.join(HERE, "..", "sql", n)).read())\n`,
      /the loop variable `n`, which loops over `os\.listdir\(HERE\)`, not a literal list/,
    ],
    [
      'a helper given the variable of a loop over names, not literals',
      'for name in [A, B]:\n    run_file(name)',
      `${HERE}\nA = "a.sql"\nB = "b.sql"\n\n\ndef run_file(n):\n    op.execute(open(os.path.join(HERE, "..", "sql", n)).read())\n`,
      /the loop variable `n`, which is given a loop variable whose elements are not all string literals/,
    ],
    [
      'a loop over literal names joined to a listing: the names appear, which files run is not known',
      'for name in ["a.sql", "b.sql"] + os.listdir(EXTRA):\n    op.execute((SQL_DIR / name).read_text())',
      `import os\n${SQL_DIR}\nEXTRA = "extra"`,
      /the loop variable `name`, which loops over `\["a\.sql", "b\.sql"\] \+ os\.listdir\(EXTRA\)`/,
    ],
    [
      'a loop over a glob',
      'for path in SQL_DIR.glob("*.sql"):\n    op.execute(path.read_text())',
      SQL_DIR,
      /the loop variable `path`, which loops over `SQL_DIR\.glob/,
    ],
    [
      'an f-string with a run-time part',
      'op.execute(open(f"alembic/sql/{os.environ[\'WHICH\']}.sql").read())',
      'import os',
      /an f-string whose part `\{os\.environ\['WHICH'\]\}` is not a literal or a name bound once/,
    ],
    [
      'an f-string with a format spec',
      'n = "a"\nop.execute(open(f"alembic/sql/{n:>1}.sql").read())',
      '',
      /an f-string whose part `\{n:>1\}` is formatted/,
    ],
    [
      'a loop variable bound again in the body',
      'for name in ["a", "b"]:\n    name = name + ".sql"\n    op.execute((SQL_DIR / name).read_text())',
      SQL_DIR,
      /the loop variable `name`, which is bound again inside the loop/,
    ],
    [
      'a read bound in a loop and run after it (only the last file runs)',
      'for name in ["a.sql", "b.sql"]:\n    sql = (SQL_DIR / name).read_text()\nop.execute(sql)',
      SQL_DIR,
      /the variable `name`, not bound once/,
    ],
    [
      'a tuple target',
      'for name, _ in [("a.sql", 1), ("b.sql", 2)]:\n    op.execute((SQL_DIR / name).read_text())',
      SQL_DIR,
      /the loop variable `name`, which is one of a loop.s several targets/,
    ],
    [
      'a loop over more names than are followed',
      `for name in [${Array.from({ length: 65 }, (_, i) => `"x${i}.sql"`).join(', ')}, "a.sql", "b.sql"]:\n    op.execute((SQL_DIR / name).read_text())`,
      SQL_DIR,
      /loops over more than 64 names/,
    ],
  ];
  for (const [name, upgrade, head, why] of unresolved) {
    it(`is MIG030 at the call and leaves the files to MIG121: ${name}`, () => {
      const found = check({ [REV]: rev(upgrade, head), ...FILES });
      expect(drops(found).filter((k) => !k.startsWith('MIG030'))).toEqual([
        'MIG121 alembic/sql/a.sql:1',
        'MIG121 alembic/sql/b.sql:1',
      ]);
      const unread = found.filter((f) => f.rule === 'MIG030');
      expect(unread.map((f) => f.at)).toEqual([
        expect.stringMatching(/^alembic\/versions\/0001_seed\.py:\d+$/),
      ]);
      expect(unread[0]?.message).toMatch(why);
    });
  }

  it('claims no file the revision names but does not read: a list no read uses, a loop reading another file', () => {
    const found = check({
      [REV]: rev(
        'for name in ["a.sql"]:\n    op.execute((SQL_DIR / "b.sql").read_text())\nop.execute("SELECT 1")  # b.sql',
        `${SQL_DIR}\nALSO = ["a.sql", "alembic/sql/a.sql"]`,
      ),
      ...FILES,
    });
    // b.sql runs (once: the loop's variable is not in its path); a.sql is only named.
    expect(drops(found)).toEqual(['MIG002 alembic/sql/b.sql:1', 'MIG121 alembic/sql/a.sql:1']);
    expect(rules(found)).not.toContain('MIG030');
  });
});
