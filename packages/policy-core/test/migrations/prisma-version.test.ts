import { describe, expect, it } from 'vitest';
import { migrationSources } from '../../src/migrations/policy-sources.js';
import { prismaScriptsAt, prismaScriptsOf } from '../../src/migrations/prisma-version.js';
import { MemoryRepo } from '../../src/repo.js';
import { Workspace } from '../../src/workspace.js';
import { npmFilesOf } from '../../src/workspace-npm-files.js';
import { dependencyCachesOf } from '../../src/workspace-dependencies.js';

// Which Prisma applies prisma/migrations, read from package.json and the lock the repository
// commits: from 7.4.0 `migrate deploy` runs a migration.sql statement by statement (prisma-engines
// PR #5767), from 7.8.0 `migrate dev`'s shadow database too (PR #5799); before, one query.

const manifest = (deps: Record<string, string>, section = 'devDependencies') =>
  JSON.stringify({ name: 'app', [section]: deps });

const scripts = (files: Record<string, string>, folder = 'prisma/migrations/') =>
  prismaScriptsOf(new MemoryRepo(files), folder);

const packageLock = (version: string, dir = '') =>
  JSON.stringify({
    name: 'app',
    lockfileVersion: 3,
    packages: {
      '': { name: 'app', devDependencies: { prisma: '^7.0.0' } },
      ...(dir ? { [dir]: { name: 'api', devDependencies: { prisma: '^7.0.0' } } } : {}),
      [`${dir ? `${dir}/` : ''}node_modules/prisma`]: { version, dev: true },
    },
  });

describe('the Prisma release that applies a project’s migrations', () => {
  it.each([
    ['6.19.0', 'whole', 'whole'],
    ['7.3.0', 'whole', 'whole'],
    ['7.4.0', 'split', 'whole'],
    ['7.7.0', 'split', 'whole'],
    ['7.8.0', 'split', 'split'],
    ['7.10.1', 'split', 'split'],
  ])('an exact %s in package.json: deploy %s, shadow database %s', (version, deploy, shadow) => {
    const s = scripts({ 'package.json': manifest({ prisma: version }) });
    expect(s).toEqual({ deploy, shadow, said: `prisma ${version}, package.json` });
  });

  it('takes the version the lock installs over the range package.json asks for', () => {
    const s = scripts({
      'package.json': manifest({ prisma: '^7.0.0' }),
      'package-lock.json': packageLock('7.8.0'),
    });
    expect(s).toEqual({ deploy: 'split', shadow: 'split', said: 'prisma 7.8.0, package-lock.json' });
  });

  it('reads a workspace’s package.json and its importer in the lock at the root', () => {
    const s = scripts(
      {
        'package.json': JSON.stringify({ name: 'root', private: true }),
        'apps/api/package.json': manifest({ prisma: '^7.0.0' }),
        'pnpm-lock.yaml':
          "lockfileVersion: '9.0'\nimporters:\n  .: {}\n  apps/api:\n    devDependencies:\n      prisma:\n        specifier: ^7.0.0\n        version: 7.5.0(typescript@5.9.3)\n",
      },
      'apps/api/prisma/migrations/',
    );
    expect(s).toEqual({ deploy: 'split', shadow: 'whole', said: 'prisma 7.5.0, pnpm-lock.yaml' });
  });

  it('reads a classic yarn.lock by the declaration’s name@specifier', () => {
    const s = scripts({
      'package.json': manifest({ prisma: '^6.0.0' }),
      'yarn.lock':
        '# yarn lockfile v1\n\n\nprisma@^6.0.0:\n  version "6.19.0"\n  resolved "https://registry.yarnpkg.com/prisma/-/prisma-6.19.0.tgz"\n',
    });
    expect(s).toEqual({ deploy: 'whole', shadow: 'whole', said: 'prisma 6.19.0, yarn.lock' });
  });

  it('looks past a package.json that does not name Prisma (a hoisted root devDependency)', () => {
    const s = scripts(
      {
        'package.json': manifest({ prisma: '7.9.0' }),
        'apps/api/package.json': manifest({ express: '^5.0.0' }, 'dependencies'),
      },
      'apps/api/prisma/migrations/',
    );
    expect(s.said).toBe('prisma 7.9.0, package.json');
  });

  it('reads @prisma/client where the CLI is not declared', () => {
    const s = scripts({ 'package.json': manifest({ '@prisma/client': '6.2.0' }, 'dependencies') });
    expect(s).toEqual({ deploy: 'whole', shadow: 'whole', said: '@prisma/client 6.2.0, package.json' });
  });

  it('decides a range without a lock when all of it falls on one side of each release', () => {
    expect(scripts({ 'package.json': manifest({ prisma: '^6.1.0' }) })).toEqual({
      deploy: 'whole',
      shadow: 'whole',
      said: 'prisma ^6.1.0, package.json',
    });
    expect(scripts({ 'package.json': manifest({ prisma: '^7.8.0' }) }).deploy).toBe('split');
    // Deploy splits in all of ^7.5.0; the shadow database may not: MIG021 says so.
    expect(scripts({ 'package.json': manifest({ prisma: '^7.5.0' }) })).toMatchObject({
      deploy: 'split',
      shadow: 'unknown',
    });
  });

  it.each([
    [
      'a range across 7.4.0, no lock',
      { 'package.json': manifest({ prisma: '^7.0.0' }) },
      "this project's Prisma version could not be told: package.json asks for prisma ^7.0.0, which spans releases before and after 7.4.0, and no lock says which is installed",
    ],
    [
      'a tag',
      { 'package.json': manifest({ prisma: 'latest' }) },
      "this project's Prisma version could not be told: package.json asks for prisma latest, not a version range, and no lock says which is installed",
    ],
    [
      'a lock without an entry for it',
      {
        'package.json': manifest({ prisma: '>=6' }),
        'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'app' } } }),
      },
      "this project's Prisma version could not be told: package.json asks for prisma >=6, which spans releases before and after 7.4.0, and package-lock.json has no entry for prisma",
    ],
    [
      'a lock that does not parse',
      { 'package.json': manifest({ prisma: '*' }), 'pnpm-lock.yaml': 'importers: [' },
      /^this project's Prisma version could not be told: package.json asks for prisma \*, which spans releases before and after 7\.4\.0, and pnpm-lock\.yaml could not be read \(/,
    ],
    [
      'no package.json naming Prisma',
      { 'package.json': manifest({ express: '^5.0.0' }) },
      "this project's Prisma version could not be told: no package.json from prisma/migrations up names prisma or @prisma/client",
    ],
  ])('%s: not told, and why', (_name, files, why) => {
    const s = scripts(files as Record<string, string>);
    expect(s.deploy).toBe('unknown');
    expect(s.shadow).toBe('unknown');
    if (typeof why === 'string') expect(s.said).toBe(why);
    else expect(s.said).toMatch(why);
  });
});

describe('what reading the Prisma release costs a check', () => {
  const files = {
    'package.json': manifest({ prisma: '^7.0.0' }),
    'package-lock.json': packageLock('7.8.0'),
    'prisma/migrations/20240101000000_init/migration.sql':
      'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n',
  };
  const counting = () => {
    const reads: string[] = [];
    const repo = new MemoryRepo(files);
    const readFile = repo.readFile.bind(repo);
    repo.readFile = (p: string) => {
      reads.push(p);
      return readFile(p);
    };
    return { repo, reads };
  };

  it('the migration sources read no package.json or lock until a file of the series asks', () => {
    const { repo, reads } = counting();
    const sources = migrationSources(repo, {
      sql: ['prisma/migrations/*/migration.sql'],
      sql_runner: 'prisma',
    });
    expect(reads.filter((p) => !p.endsWith('.sql'))).toEqual([]);
    const path = 'prisma/migrations/20240101000000_init/migration.sql';
    expect(prismaScriptsAt(sources.prismaScripts, path)?.deploy).toBe('split');
    expect(prismaScriptsAt(sources.prismaScripts, path)?.shadow).toBe('split');
    // Asked twice, read once.
    expect(reads.filter((p) => p === 'package-lock.json')).toEqual(['package-lock.json']);
  });

  it('reads the lock through the workspace’s npm files, the one parse the DEP rules use too', () => {
    const lock = packageLock('7.8.0');
    const repo = new MemoryRepo({
      'package.json': manifest({ prisma: '^7.0.0' }),
      'package-lock.json': lock,
      'prisma/migrations/20240101000000_init/migration.sql': 'SELECT 1;\n',
    });
    const workspace = new Workspace();
    const sources = migrationSources(
      repo,
      { sql: ['prisma/migrations/*/migration.sql'], sql_runner: 'prisma' },
      npmFilesOf(workspace),
    );
    expect(npmFilesOf(workspace).parsedText('package-lock.json')).toBeUndefined();
    const path = 'prisma/migrations/20240101000000_init/migration.sql';
    expect(prismaScriptsAt(sources.prismaScripts, path)?.said).toBe('prisma 7.8.0, package-lock.json');
    expect(npmFilesOf(workspace).parsedText('package-lock.json')).toBe(lock);
    const first = npmFilesOf(workspace).readNpmLock('package-lock.json', lock, 'npm').lock;
    expect(dependencyCachesOf(workspace).readNpmLock('package-lock.json', lock, 'npm').lock).toBe(first);
  });
});
