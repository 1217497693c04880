import { extensionOf, type FileIndex, LAYOUTS } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

// The detector asks an entry's path test only about files ending in one of its `extensions`
// (unjudged-layouts.ts): an entry whose test takes another ending would never be asked about
// such a file, and its layout would go unreported. Every folder shape and name the table's tests
// look for, crossed with every ending (upper case too, none, doubled), must keep to that.

const FOLDERS = [
  '',
  'migrations/',
  'migration/',
  'db/migrations/',
  'db/migrations/postgres/',
  'app/migrations/',
  'alembic/versions/',
  'db/migrate/',
  'priv/repo/migrations/',
  'prisma/migrations/20240101000000_init/',
  'drizzle/',
  'changelog/',
  'db/changelogs/',
  'src/knex_migrations/',
  'db/schema-migrations/',
  'packages/schemas/alterations/',
  'db/clickhouse/migrations/',
  'db/postgresql/data-migrations/',
  'sql/',
  'apps/web/',
];
const NAMES = [
  '0001_init',
  '20240101_add_users',
  'V1__init',
  'V2.1__x',
  'R1__views',
  'U1__undo',
  'requirements',
  'requirements-dev',
  'uv',
  'poetry',
  'package',
  'package-lock',
  'npm-shrinkwrap',
  'pnpm-lock',
  'yarn',
  'bun',
  'Gemfile',
  'go',
  'Cargo',
  'composer',
  'mix',
  'Pipfile',
  'migration',
  'db.changelog-master',
  'next-1700000000-add-column',
  'Migration20240101120000',
  '__init__',
  '_helpers',
];
// Written out, not taken from the table: an ending dropped from an entry must still be tried.
const KNOWN =
  'py rb java kt rs xml yml yaml json sql exs ex go js ts cjs mjs cts mts jsx tsx txt in lock lockb mod toml md'.split(
    ' ',
  );
const ENDINGS = [
  ...new Set(
    [...KNOWN, ...LAYOUTS.flatMap((e) => e.extensions)].flatMap((x) => [`.${x}`, `.${x.toUpperCase()}`]),
  ),
  '',
  '.d.ts',
  '.test.ts',
  '.spec.js',
  '.sql.bak',
  '.py.orig',
];
const PATHS = FOLDERS.flatMap((f) => NAMES.flatMap((n) => ENDINGS.map((e) => `${f}${n}${e}`)));

/**
 * Every folder holds a Drizzle journal, and no lock covers any package.json: the widest a path
 * test can see.
 */
const INDEX: FileIndex = {
  has: (path) => path.endsWith('meta/_journal.json'),
  foldersWith: () => new Set<string>(),
  read: () => undefined,
};

describe('the endings each layout declares', () => {
  it('extensionOf reads the last dot of the name only', () => {
    expect(extensionOf('db/migrations/0001_init.SQL')).toBe('sql');
    expect(extensionOf('types/index.d.ts')).toBe('ts');
    expect(extensionOf('a.b/Jenkinsfile')).toBe('');
    expect(extensionOf('go.mod')).toBe('mod');
    expect(extensionOf('.sql')).toBe('sql');
  });

  for (const entry of LAYOUTS) {
    it(`${entry.id}: its path test takes only files ending in ${entry.extensions.join(', ')}`, () => {
      const taken = PATHS.filter((p) => entry.path(p, INDEX));
      // A test that took nothing here would prove nothing: every entry takes some of these.
      expect(taken.length).toBeGreaterThan(0);
      expect(taken.filter((p) => !entry.extensions.includes(extensionOf(p)))).toEqual([]);
    });
  }
});
