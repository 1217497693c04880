import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import { json, repoFactory } from './e2e-helpers.js';

// The built CLI on real git repositories: a .sql file a revision reads and runs is part of that
// revision, judged there; a file no revision loads is still MIG121; a load that cannot be judged
// (a symlink loop, a link or a path out of the repository, a missing file, one past the size
// Slipway reads) is one error, never a crash.

const POLICY = 'version: 1\nproduction_branch: main\nmigrations:\n  alembic: alembic/versions\n';

const revision = (rev: string, down: string, file: string) => `import os

from alembic import op

revision = '${rev}'
down_revision = ${down}

HERE = os.path.dirname(__file__)


def upgrade():
    with open(os.path.join(HERE, "..", "sql", "${file}")) as f:
        op.execute(f.read())


def downgrade():
    op.execute("DROP TABLE IF EXISTS ${rev}_t")
`;

const repo = repoFactory();

function history() {
  const r = repo({
    'slipway.yaml': POLICY,
    'alembic/versions/a1_init.py': revision('a1', 'None', 'a1.sql'),
    'alembic/sql/a1.sql': 'CREATE TABLE a1_t (id bigint PRIMARY KEY);\n',
    'alembic/sql/by_hand.sql': 'CREATE TABLE by_hand (id bigint);\n',
  });
  const base = r.commit('init');
  return { r, base };
}

type Found = {
  rule: string;
  severity: string;
  file: string;
  line: number;
  message: string;
  related: { file: string; line: number; message: string }[];
};
const findings = (out: ReturnType<typeof slipway>) => json(out).findings as Found[];
const keys = (out: ReturnType<typeof slipway>) =>
  findings(out)
    .map((f) => `${f.rule} ${f.file}:${f.line}`)
    .sort();

describe('check with .sql files that revisions load', () => {
  it('the tree: a loaded file is the revision, a file no revision loads is MIG121', () => {
    const { r } = history();
    const out = slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir });
    expect(keys(out)).toEqual(['MIG121 alembic/sql/by_hand.sql:1']);
  });

  it('a change that edits only the loaded file is judged at its revision, the finding on the statement', () => {
    const { r, base } = history();
    r.git('checkout', '-q', '-b', 'agent/cleanup');
    r.write({ 'alembic/sql/a1.sql': 'CREATE TABLE a1_t (id bigint PRIMARY KEY);\nDROP TABLE users;\n' });
    r.commit('tidy a1.sql');
    const out = slipway(['check', '--base', base, '--format', 'json'], { cwd: r.dir });
    const drop = findings(out).find((f) => f.rule === 'MIG001');
    expect(drop?.file).toBe('alembic/sql/a1.sql');
    expect(drop?.line).toBe(2);
    expect(drop?.related).toContainEqual(
      expect.objectContaining({
        file: 'alembic/versions/a1_init.py',
        line: 13,
        message: 'run by revision a1 here',
      }),
    );
    expect(out.code).toBe(1);
    // Near miss: the same change without the drop passes.
    r.write({ 'alembic/sql/a1.sql': 'CREATE TABLE a1_t (id bigint PRIMARY KEY, note text);\n' });
    r.commit('undo');
    const fine = slipway(['check', '--base', base, '--format', 'json'], { cwd: r.dir });
    expect(keys(fine)).toEqual([]);
    expect(fine.code).toBe(0);
  });

  it('a -- slipway: allow beside the statement in the .sql file applies', () => {
    const { r, base } = history();
    r.git('checkout', '-q', '-b', 'cleanup');
    r.write({
      'alembic/sql/a1.sql':
        'CREATE TABLE a1_t (id bigint PRIMARY KEY);\n-- slipway: allow MIG001 -- users moved to the accounts service\nDROP TABLE users;\n',
    });
    r.commit('drop users');
    const out = slipway(['check', '--base', base, '--format', 'json'], { cwd: r.dir });
    expect(keys(out).filter((k) => k.startsWith('MIG001'))).toEqual([]);
  });

  it("a baseline accepts a loaded file's finding; an edit to the file beside it is reported", () => {
    const { r } = history();
    r.write({ 'alembic/sql/a1.sql': 'CREATE TABLE a1_t (id bigint PRIMARY KEY);\nDROP TABLE legacy;\n' });
    r.commit('drop legacy');
    const accepted = slipway(['baseline'], { cwd: r.dir });
    expect(accepted.code, accepted.stderr).toBe(0);
    r.commit('accept');
    const base = r.git('rev-parse', 'HEAD').trim();
    expect(
      keys(slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir })).filter((k) =>
        k.startsWith('MIG001'),
      ),
    ).toEqual([]);
    r.git('checkout', '-q', '-b', 'agent/more');
    r.write({
      'alembic/sql/a1.sql':
        'CREATE TABLE a1_t (id bigint PRIMARY KEY);\nDROP TABLE legacy;\nDROP TABLE users;\n',
    });
    r.commit('and users');
    const out = slipway(['check', '--base', base, '--format', 'json'], { cwd: r.dir });
    // The new drop is reported; so is the accepted one beside it, whose neighbourhood the edit
    // changed (the baseline hashes a finding's non-blank neighbours): an edit there is reviewed again.
    expect(keys(out).filter((k) => k.startsWith('MIG001'))).toEqual([
      'MIG001 alembic/sql/a1.sql:2',
      'MIG001 alembic/sql/a1.sql:3',
    ]);
    // Near miss: the revision edited, its accepted file not, keeps the acceptance.
    r.git('checkout', '-q', base);
    r.write({ 'alembic/versions/a1_init.py': `${revision('a1', 'None', 'a1.sql')}\n# reviewed\n` });
    r.commit('note');
    const same = slipway(['check', '--base', base, '--format', 'json'], { cwd: r.dir });
    expect(keys(same).filter((k) => k.startsWith('MIG001'))).toEqual([]);
  });

  it("each file a loop over literal names runs is its revision's; a loop over a listing claims none", () => {
    const { r, base } = history();
    r.git('checkout', '-q', '-b', 'agent/loops');
    const loop = (rev: string, down: string, over: string) =>
      revision(rev, down, '').replace(
        / {4}with open[^\n]*\n {8}op\.execute\(f\.read\(\)\)/,
        `    for name in ${over}:\n        op.execute(open(os.path.join(HERE, "..", "sql", name)).read())`,
      );
    r.write({
      'alembic/versions/b2_more.py': loop('b2', "'a1'", '["b2_a.sql", "b2_b.sql"]'),
      'alembic/sql/b2_a.sql': 'CREATE TABLE b2_t (id bigint PRIMARY KEY);\n',
      'alembic/sql/b2_b.sql': 'DROP TABLE users;\n',
      // Near miss: which files a listing finds is known only when the revision runs.
      'alembic/versions/b3_listed.py': loop(
        'b3',
        "'b2'",
        'sorted(os.listdir(os.path.join(HERE, "..", "sql", "b3")))',
      ),
      'alembic/sql/b3/0001.sql': 'CREATE TABLE b3_t (id bigint);\n',
    });
    r.commit('b2 and b3');
    const out = slipway(['check', '--base', base, '--format', 'json'], { cwd: r.dir });
    const found = findings(out);
    expect(keys(out).filter((k) => /MIG001|MIG030|MIG121/.test(k))).toEqual([
      'MIG001 alembic/sql/b2_b.sql:1',
      'MIG030 alembic/versions/b3_listed.py:13',
      'MIG121 alembic/sql/b3/0001.sql:1',
    ]);
    expect(found.find((f) => f.rule === 'MIG001')?.related).toContainEqual(
      expect.objectContaining({
        file: 'alembic/versions/b2_more.py',
        line: 13,
        message: 'run by revision b2 here',
      }),
    );
    expect(found.find((f) => f.rule === 'MIG030')?.message).toMatch(
      /loop variable `name`, which loops over `sorted\(os\.listdir/,
    );
  });

  const bad: [string, (dir: string) => void, RegExp, string?][] = [
    [
      'a symlink loop among the .sql files',
      (dir) => {
        symlinkSync('loop_b.sql', join(dir, 'alembic/sql/loop_a.sql'));
        symlinkSync('loop_a.sql', join(dir, 'alembic/sql/loop_b.sql'));
      },
      /^Revision b2 runs the SQL in alembic\/sql\/loop_a\.sql, which Slipway did not read: alembic\/sql\/loop_a\.sql is a symbolic link in a loop/,
    ],
    [
      'a symlink leading out of the repository',
      (dir) => symlinkSync('/etc/hostname', join(dir, 'alembic/sql/loop_a.sql')),
      /^Revision b2 runs the SQL in alembic\/sql\/loop_a\.sql, which Slipway did not read: .*leads outside the repository/,
    ],
    [
      'a missing file',
      () => {},
      /^Revision b2 runs the SQL in alembic\/sql\/loop_a\.sql, which is not in the repository/,
    ],
    [
      'a path that leads out of the repository',
      // Whether a file is there or not: Slipway reads nothing outside the repository.
      () => {},
      /^Revision b2 runs the SQL in \.\.\/outside\.sql .*which is outside the repository/,
      '../../../outside.sql',
    ],
    [
      'a file past the size Slipway reads',
      (dir) =>
        writeFileSync(
          join(dir, 'alembic/sql/loop_a.sql'),
          `-- ${'x'.repeat(17 * 1024 * 1024)}\nDROP TABLE users;\n`,
        ),
      /^Revision b2 runs the SQL in alembic\/sql\/loop_a\.sql, unchecked: alembic\/sql\/loop_a\.sql is 17 MB, more than/,
    ],
  ];
  for (const [name, make, message, file = 'loop_a.sql'] of bad) {
    it(`${name}: one error naming the revision and the path`, () => {
      const { r, base } = history();
      r.git('checkout', '-q', '-b', 'b2');
      r.write({ 'alembic/versions/b2_more.py': revision('b2', "'a1'", file) });
      make(r.dir);
      r.commit('b2');
      const out = slipway(['check', '--base', base, '--format', 'json'], { cwd: r.dir });
      const errors = findings(out).filter((f) => f.severity === 'error');
      expect(errors.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([
        'MIG030 alembic/versions/b2_more.py:13',
      ]);
      expect(errors[0]?.message).toMatch(message);
      expect(out.code).toBe(1);
    });
  }
});
