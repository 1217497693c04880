import { describe, expect, it } from 'vitest';
import type { ChangedFile, ChangeSet } from '../../../src/change-set.js';
import { MemoryRepo, parsePolicyText } from '../../../src/index.js';
import type { RepoView } from '../../../src/repo.js';
import type { CheckContext } from '../../../src/rule.js';
import { coverageFamily } from '../../../src/rules/families.js';

// Each COV finding whole (rule, severity, file, place, message), on a tree and on a change, and
// what the family reports beside its findings.

const ALEMBIC = 'version: 1\nmigrations:\n  alembic: alembic/versions\n';
const DJANGO =
  'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = []\n';
const TYPEORM = (n: string) =>
  'import { MigrationInterface, QueryRunner } from "typeorm";\n' +
  `export class Init${n} implements MigrationInterface {\n` +
  '  async up(queryRunner: QueryRunner): Promise<void> {\n' +
  '    await queryRunner.query("CREATE TABLE notes (id int)");\n' +
  '  }\n' +
  '  async down(queryRunner: QueryRunner): Promise<void> {}\n' +
  '}\n';
const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function check(
  files: Record<string, string>,
  options: { policy?: string; change?: ChangeSet; unreadable?: string[] } = {},
) {
  const policy = options.policy ?? ALEMBIC;
  const doc = parsePolicyText(policy, 'slipway.yaml').document;
  if (!doc) throw new Error('policy did not parse');
  const memory = new MemoryRepo({ 'slipway.yaml': policy, ...files });
  // A file listed and not readable: seen, not read.
  const repo: RepoView = {
    listFiles: () => [...memory.listFiles(), ...(options.unreadable ?? [])],
    readFile: (path) => memory.readFile(path),
  };
  const ctx: CheckContext = {
    policy: doc,
    repo,
    now: new Date(0),
    env: {},
    ...(options.change ? { change: options.change } : {}),
  };
  return coverageFamily.check(ctx);
}
const info = (file: string, message: string) => ({
  rule: 'COV001',
  severity: 'info',
  message,
  file,
  range: TOP,
});
const changeOf = (files: ChangedFile[]): ChangeSet => ({
  base: 'a'.repeat(40),
  head: 'b'.repeat(40),
  commits: [],
  files,
});

describe('COV001 on a tree', () => {
  it('one finding per layout, at its first file, naming them; nothing listed as checked; the layouts reported', () => {
    const result = check({ 'shop/migrations/0001_initial.py': DJANGO, 'shop/migrations/0002_b.py': DJANGO });
    expect(result.findings).toEqual([
      info(
        'shop/migrations/0001_initial.py',
        'not judged: 2 Django migrations under shop/migrations/; `migrations.django` does not cover them, so no rule ran on them and "No findings" says nothing about them; name their app folders under `migrations.django`.',
      ),
    ]);
    expect(result.filesChecked).toEqual([]);
    expect(result.unjudged?.map((l) => [l.entry.kind, l.files, l.unread])).toEqual([
      ['migrations', ['shop/migrations/0001_initial.py', 'shop/migrations/0002_b.py'], []],
    ]);
  });

  it('a layout seen only in a file that could not be read: at that file, "it"', () => {
    expect(check({}, { unreadable: ['shop/migrations/0003_big.py'] }).findings).toEqual([
      info(
        'shop/migrations/0003_big.py',
        'not judged: 1 file that may be Django migrations (shop/migrations/0003_big.py) seen but not read (it could not be read); `migrations.django` does not cover it, so no rule ran on it and "No findings" says nothing about it; name their app folders under `migrations.django`.',
      ),
    ]);
  });

  it('a layout Slipway has no reader for says so', () => {
    const rails = 'class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n  end\nend\n';
    expect(
      check({ 'db/migrate/20240101000000_create_users.rb': rails }, { policy: 'version: 1\n' }).findings,
    ).toEqual([
      info(
        'db/migrate/20240101000000_create_users.rb',
        'not judged: 1 Rails migration (db/migrate/20240101000000_create_users.rb); Slipway does not read this layout, so no rule ran on it and "No findings" says nothing about it; review them by hand (Slipway has no Rails reader).',
      ),
    ]);
  });
});

describe("COV001's advice for another database's migrations", () => {
  const typeorm = (...paths: string[]) =>
    check(Object.fromEntries(paths.map((p, i) => [p, TYPEORM(String(1693835000000 + i))])), {
      policy: 'version: 1\n',
    }).findings.map((f) => [f.file, f.message]);
  const seen = (files: string) =>
    `not judged: 2 TypeORM migrations under src/migrations/*/; \`migrations.typeorm\` does not cover them, so no rule ran on them and "No findings" says nothing about them; ${files}`;

  it('every file in folders named for other databases: review them by hand, naming the first database', () => {
    expect(
      typeorm('src/migrations/mysql/1693835000000-Init.ts', 'src/migrations/sqlite/1693835000001-Init.ts'),
    ).toEqual([
      [
        'src/migrations/mysql/1693835000000-Init.ts',
        seen(
          "these are migrations for mysql and other databases, and the MIG rules judge PostgreSQL's: review such migrations by hand.",
        ),
      ],
    ]);
    expect(
      typeorm('src/migrations/mysql/1693835000000-Init.ts', 'src/migrations/mysql8/1693835000001-Init.ts'),
    ).toEqual([
      [
        'src/migrations/mysql/1693835000000-Init.ts',
        seen(
          "these are migrations for mysql, and the MIG rules judge PostgreSQL's: review such migrations by hand.",
        ),
      ],
    ]);
  });

  it("one file outside such a folder, or a database named only in a file's name: the layout's advice", () => {
    const advice = seen('name their folder under `migrations.typeorm`.');
    expect(
      typeorm('src/migrations/mysql/1693835000000-Init.ts', 'src/migrations/pg/1693835000001-Init.ts'),
    ).toEqual([['src/migrations/mysql/1693835000000-Init.ts', advice]]);
    expect(typeorm('src/migrations/1693835000000-MysqlInit.ts')).toEqual([
      [
        'src/migrations/1693835000000-MysqlInit.ts',
        'not judged: 1 TypeORM migration (src/migrations/1693835000000-MysqlInit.ts); `migrations.typeorm` does not cover it, so no rule ran on it and "No findings" says nothing about it; name their folder under `migrations.typeorm`.',
      ],
    ]);
  });
});

describe('COV001 on a change', () => {
  const tree = {
    'shop/migrations/0001_initial.py': DJANGO,
    'shop/migrations/0002_b.py': DJANGO,
    'shop/migrations/0003_c.py': DJANGO,
  };

  it('at the first file the change writes there, naming it and how many more', () => {
    const change = changeOf([
      { status: 'added', path: 'shop/migrations/0002_b.py' },
      { status: 'modified', path: 'shop/migrations/0003_c.py' },
      { status: 'deleted', path: 'shop/migrations/0001_initial.py' },
    ]);
    expect(check(tree, { change }).findings).toEqual([
      info(
        'shop/migrations/0002_b.py',
        'not judged: this change writes 2 of 3 Django migrations under shop/migrations/: shop/migrations/0002_b.py and 1 more; `migrations.django` does not cover them, so no rule ran on what this change does there and "No findings" says nothing about them; name their app folders under `migrations.django`.',
      ),
    ]);
  });

  it('one file written: named alone', () => {
    const change = changeOf([{ status: 'added', path: 'shop/migrations/0003_c.py' }]);
    expect(check(tree, { change }).findings).toEqual([
      info(
        'shop/migrations/0003_c.py',
        'not judged: this change writes one of 3 Django migrations under shop/migrations/: shop/migrations/0003_c.py; `migrations.django` does not cover it, so no rule ran on what this change does there and "No findings" says nothing about it; name their app folders under `migrations.django`.',
      ),
    ]);
  });

  it('an unread file the change writes counts; a layout the change only deletes from, or leaves alone, is not its news', () => {
    const unreadable = ['shop/migrations/0004_big.py'];
    expect(
      check(tree, {
        unreadable,
        change: changeOf([{ status: 'added', path: 'shop/migrations/0004_big.py' }]),
      }).findings,
    ).toEqual([
      info(
        'shop/migrations/0004_big.py',
        'not judged: this change writes one of 3 Django migrations under shop/migrations/ and 1 more (shop/migrations/0004_big.py) seen but not read (it could not be read): shop/migrations/0004_big.py; `migrations.django` does not cover it, so no rule ran on what this change does there and "No findings" says nothing about it; name their app folders under `migrations.django`.',
      ),
    ]);
    const gone = changeOf([
      { status: 'deleted', path: 'shop/migrations/0001_initial.py' },
      { status: 'modified', path: 'app.py' },
    ]);
    expect(check(tree, { change: gone }).findings).toEqual([]);
  });
});

describe('COV002 and COV003, whole', () => {
  it('COV002: information at the lock no pair names', () => {
    expect(
      check(
        {
          'web/package-lock.json': '{ "lockfileVersion": 3, "packages": {} }\n',
          'web/package.json': '{ "name": "web", "dependencies": { "a": "1" } }\n',
        },
        { policy: 'version: 1\n' },
      ).findings,
    ).toEqual([
      {
        rule: 'COV002',
        severity: 'info',
        message:
          'not judged: 1 npm lock (web/package-lock.json); `dependencies` does not cover it, so no rule ran on it and "No findings" says nothing about it; name the pair under `dependencies` (`requirements: package.json`; `slipway init` proposes it when a package.json is beside the lock: a lock with none beside it belongs to no package, and one in a project of a pnpm workspace is one pnpm does not read (init names it); both are better removed).',
        file: 'web/package-lock.json',
        range: TOP,
      },
    ]);
  });

  it("COV002: a lock in a folder named for a database is still a lock: the layout's advice", () => {
    expect(
      check(
        {
          'mysql-tools/package-lock.json': '{ "lockfileVersion": 3, "packages": {} }\n',
          'mysql-tools/package.json': '{ "name": "tools", "dependencies": { "a": "1" } }\n',
        },
        { policy: 'version: 1\n' },
      ).findings.map((f) => [f.rule, f.file, f.message]),
    ).toEqual([
      [
        'COV002',
        'mysql-tools/package-lock.json',
        'not judged: 1 npm lock (mysql-tools/package-lock.json); `dependencies` does not cover it, so no rule ran on it and "No findings" says nothing about it; name the pair under `dependencies` (`requirements: package.json`; `slipway init` proposes it when a package.json is beside the lock: a lock with none beside it belongs to no package, and one in a project of a pnpm workspace is one pnpm does not read (init names it); both are better removed).',
      ],
    ]);
  });

  it('COV003: an error at the key pointed at the wrong files', () => {
    const policy = 'version: 1\nmigrations:\n  alembic: shop/migrations\n';
    expect(
      check({ 'shop/migrations/0001_initial.py': DJANGO }, { policy }).findings.filter(
        (f) => f.rule === 'COV003',
      ),
    ).toEqual([
      {
        rule: 'COV003',
        severity: 'error',
        message:
          '`shop/migrations` under `migrations.alembic` holds 1 Django migration (shop/migrations/0001_initial.py), not Alembic revisions: the Alembic reader judges none of them; name the folder under `migrations.django`; point the key at the files it reads, or remove the entry.',
        file: 'slipway.yaml',
        range: { start: { line: 2, character: 11 }, end: { line: 2, character: 26 } },
      },
    ]);
  });
});
