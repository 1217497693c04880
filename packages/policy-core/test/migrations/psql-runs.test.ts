import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../src/change-set.js';
import { runCheck } from '../../src/engine.js';
import { initMigrationParsers } from '../../src/index.js';
import { parsePolicyText } from '../../src/policy/parse.js';
import { MemoryRepo } from '../../src/repo.js';

// Issue 48, section 3: a .sql migration psql runs (`sql_runner: plain`, the default) is read as
// psql reads it: `\i` / `\ir` run another file there, `\gexec` runs SQL nobody can see, `\set`
// variables are put in the statements that use them, `\copy` moves rows. Each attack beside its
// near miss, in one engine call each (no process, no disk).

beforeAll(() => initMigrationParsers());

const POLICY = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n';
const AGENT_POLICY = `${POLICY}agents:\n  branches: ["auto/*"]\n`;
const changeOn = (branch: string, path: string): ChangeSet => ({
  base: 'b'.repeat(40),
  head: 'h'.repeat(40),
  branch,
  files: [{ path, status: 'added' }],
  commits: [],
});

function check(files: Record<string, string>, opts: { policy?: string; change?: ChangeSet } = {}) {
  const text = opts.policy ?? POLICY;
  const policy = parsePolicyText(text, 'slipway.yaml').document;
  if (!policy) throw new Error('bad test policy');
  const repo = new MemoryRepo({ 'slipway.yaml': text, ...files });
  return runCheck({ policy, repo, ...(opts.change ? { change: opts.change } : {}) }).findings.map((f) => ({
    key: `${f.rule} ${f.severity} ${f.file}:${f.range.start.line + 1}`,
    message: f.message,
  }));
}
const keys = (fs: ReturnType<typeof check>, rule?: string) =>
  fs
    .map((f) => f.key)
    .filter((k) => rule === undefined || k.startsWith(rule))
    .sort();

describe('psql includes: \\i and \\ir run another file, judged there', () => {
  const cases: [string, Record<string, string>, string[]][] = [
    [
      '\\i from the repository root',
      { 'db/001.sql': '\\i lib/drop.sql\n', 'lib/drop.sql': 'DROP TABLE users;\n' },
      ['MIG001 error lib/drop.sql:1'],
    ],
    [
      "\\ir from the file's folder",
      { 'db/001.sql': "\\ir 'parts/drop.sql'\n", 'db/parts/drop.sql': '\nDROP TABLE users;\n' },
      ['MIG001 error db/parts/drop.sql:2'],
    ],
    [
      '\\include_relative two levels deep',
      {
        'db/001.sql': '\\include_relative parts/a.sql\n',
        'db/parts/a.sql': '\\ir b.sql\n',
        'db/parts/b.sql': 'DROP TABLE users;\n',
      },
      ['MIG001 error db/parts/b.sql:1'],
    ],
  ];
  for (const [name, files, expected] of cases)
    it(`${name}: the included DROP is MIG001, in the included file`, () => {
      expect(keys(check(files), 'MIG001')).toEqual(expected);
    });

  it('a statement after the \\i line is judged too (the line no longer hides it)', () => {
    const found = check({ 'db/001.sql': '\\i lib/ok.sql\nDROP TABLE users;\n', 'lib/ok.sql': 'SELECT 1;\n' });
    expect(keys(found, 'MIG001')).toEqual(['MIG001 error db/001.sql:2']);
    expect(keys(found, 'MIG030')).toEqual([]);
  });

  it('near miss: an \\i of a harmless file gives no finding', () => {
    expect(
      keys(check({ 'db/001.sql': '\\i lib/ok.sql\n', 'lib/ok.sql': 'CREATE TABLE t (id int);\n' })),
    ).toEqual([]);
  });

  const unfollowable: [string, Record<string, string>, RegExp][] = [
    ['outside the repository', { 'db/001.sql': '\\i /etc/seed.sql\n' }, /outside the repository/],
    ['climbing out of it', { 'db/001.sql': '\\ir ../../x.sql\n' }, /outside the repository/],
    [
      'missing',
      { 'db/001.sql': '\\i lib/gone.sql\n' },
      /not in the repository \(lib\/gone\.sql or db\/lib\/gone\.sql\)/,
    ],
    [
      'a loop',
      { 'db/001.sql': '\\ir parts/a.sql\n', 'db/parts/a.sql': '\\ir ../001.sql\n' },
      /includes itself \(db\/001\.sql -> db\/parts\/a\.sql -> db\/001\.sql\)/,
    ],
    [
      'deeper than 8',
      Object.fromEntries([
        ['db/001.sql', '\\ir parts/d0.sql\n'],
        ...Array.from({ length: 10 }, (_, i) => [`db/parts/d${i}.sql`, `\\ir d${i + 1}.sql\n`]),
      ]),
      /more than 8 deep/,
    ],
  ];
  for (const [name, files, message] of unfollowable)
    it(`an include ${name} is one MIG030 error at the \\i line`, () => {
      const found = check(files).filter((f) => f.key.startsWith('MIG030'));
      expect(found.map((f) => f.key)).toEqual(['MIG030 error db/001.sql:1']);
      expect(found[0]?.message).toMatch(message);
    });

  it('a change that edits only the included file is a change to the migration', () => {
    const files = { 'db/001.sql': '\\i lib/drop.sql\n', 'lib/drop.sql': 'DROP TABLE users;\n' };
    const change = (path: string): ChangeSet => ({
      base: 'main',
      head: 'HEAD',
      commits: [],
      files: [{ path, status: 'modified' }],
    });
    expect(keys(check(files, { change: change('lib/drop.sql') }), 'MIG001')).toEqual([
      'MIG001 error lib/drop.sql:1',
    ]);
    expect(keys(check({ ...files, 'README.md': 'x' }, { change: change('README.md') }))).toEqual([]);
  });
});

describe('psql \\gexec and \\!: SQL no reader can see, under MIG042', () => {
  const gexec = {
    'db/001.sql': "SELECT 'DROP TABLE ' || tablename FROM pg_tables WHERE tablename = 'users'\n\\gexec\n",
  };
  it("an error in an agent's change, naming \\gexec", () => {
    const found = check(gexec, { policy: AGENT_POLICY, change: changeOn('auto/x', 'db/001.sql') });
    expect(keys(found, 'MIG042')).toEqual(['MIG042 error db/001.sql:2']);
    expect(found.find((f) => f.key.startsWith('MIG042'))?.message).toMatch(
      /runs psql's `\\gexec`, which runs each value/,
    );
    expect(keys(found, 'MIG030')).toEqual([]);
  });
  it("a warning in a person's change; \\! (a shell command) too", () => {
    const person = { policy: AGENT_POLICY, change: changeOn('feature/x', 'db/001.sql') };
    expect(keys(check(gexec, person), 'MIG042')).toEqual(['MIG042 warning db/001.sql:2']);
    expect(keys(check({ 'db/001.sql': '\\! psql -c "DROP TABLE users"\n' }), 'MIG042')).toEqual([
      'MIG042 warning db/001.sql:1',
    ]);
  });
  it('near miss: \\g, \\echo and a backslash inside quotes, comments and dollar quotes are no finding', () => {
    const sql =
      "SELECT 1 \\g\n\\echo done\nSELECT '\\gexec';\n-- \\gexec\nSELECT $$ \\gexec $$;\nSELECT E'a\\'\\gexec';\n";
    expect(keys(check({ 'db/001.sql': sql }))).toEqual([]);
  });
});

describe('psql \\set variables and \\copy are read as what they are', () => {
  it('a table named through \\set is dropped (MIG001 on the DROP line), quoted forms too', () => {
    const found = check({
      'db/001.sql': '\\set t users\n\\set q \'audit log\'\nDROP TABLE :t;\nDROP TABLE :"q";\n',
    });
    expect(keys(found, 'MIG001')).toEqual(['MIG001 error db/001.sql:3', 'MIG001 error db/001.sql:4']);
    expect(found.find((f) => f.key.endsWith(':4'))?.message).toMatch(/audit log/);
    expect(keys(found, 'MIG030')).toEqual([]);
  });
  it('near miss: a :name never set, a :: cast and an array slice stay as they are', () => {
    const found = check({ 'db/001.sql': 'SELECT 1::int, (ARRAY[1,2,3])[1:2];\n\\set t users\nSELECT :n;\n' });
    expect(keys(found, 'MIG001')).toEqual([]);
  });
  it('\\copy moves rows: no finding, and the statement after it is still judged', () => {
    const found = check({ 'db/001.sql': "\\copy users FROM 'users.csv' CSV\nDROP TABLE old_users;\n" });
    expect(keys(found, 'MIG001')).toEqual(['MIG001 error db/001.sql:2']);
    expect(keys(found, 'MIG030')).toEqual([]);
  });
  it('\\; puts a plain ; in the buffer and the line goes on as SQL: the statement after it is judged', () => {
    // psql's lexer (psqlscan.l) emits `;` for `\;` without sending; both statements go at the end.
    for (const [sql, rule] of [
      ['SELECT 1 \\; DROP TABLE users;\n', 'MIG001'],
      ['CREATE TABLE t2 (id int) \\; DELETE FROM users;\n', 'MIG006'],
      ['SELECT 1 \\; DROP SCHEMA public CASCADE;\n', 'MIG003'],
    ] as const)
      expect([sql, keys(check({ 'db/001.sql': sql }), rule)]).toEqual([sql, [`${rule} error db/001.sql:1`]]);
    // `\:` is a plain colon, never a variable: `\:t` stays `:t` though t was set.
    const colon = check({ 'db/001.sql': "\\set t users\nSELECT '\\:t' \\; DROP TABLE :t;\n" });
    expect(keys(colon, 'MIG001')).toEqual(['MIG001 error db/001.sql:2']);
  });
  it('near miss: \\; between harmless statements is no finding', () => {
    expect(keys(check({ 'db/001.sql': 'SELECT 1 \\; SELECT 2;\nCREATE TABLE t (id int);\n' }))).toEqual([]);
  });
  it('under another runner a backslash is what PostgreSQL makes of it: unread (MIG030)', () => {
    const policy = `${POLICY}  sql_runner: golang-migrate\n`;
    expect(
      keys(
        check({ 'db/001.sql': '\\i lib/drop.sql\n', 'lib/drop.sql': 'DROP TABLE users;\n' }, { policy }),
        'MIG001',
      ),
    ).toEqual([]);
  });
});

describe('NUL bytes: no runner runs what a reader sees', () => {
  it('a .sql migration with a NUL byte is a MIG030 error, whoever made it', () => {
    const found = check({ 'db/001.sql': 'SELECT 1;\u0000\nDROP TABLE users;\n' });
    expect(keys(found)).toEqual(['MIG030 error db/001.sql:1']);
    expect(found[0]?.message).toMatch(/NUL bytes .*first on line 1.*cannot be judged/);
  });
  it('near miss: an escaped \\0 written as text is SQL like any other', () => {
    expect(keys(check({ 'db/001.sql': "SELECT E'\\\\0', '\\0';\n" }))).toEqual([]);
  });
});
