import semver from 'semver';
import type { RepoView } from '../repo.js';
import { readNpmFamilyLock } from '../requirements/npm/npm-lock-entries.js';
import type { NpmLock, NpmLockFormat } from '../requirements/npm/npm-lock-model.js';
import type { NpmFileCache } from '../requirements/npm/npm-file-cache.js';
import { type NpmDeclared, readNpmManifest } from '../requirements/npm/npm-manifest.js';
import { berryDescriptors } from '../requirements/npm/yarn-lock.js';
import { seriesOf } from './migration-series.js';
import { withoutTrailingSlashes } from '../trailing-slashes.js';

/**
 * From this Prisma release `prisma migrate deploy` runs a migration.sql statement by statement:
 * prisma-engines PR #5767 (merged 2026-02-09, engines 7.4.0-20.ab56fe76 of Prisma 7.4.0) made the
 * PostgreSQL connector's `apply_migration_script` cut the script with sqlparser
 * (`split_script_into_statements`) and send each statement as a simple Query of its own, where
 * it had sent the whole file as one (`client.simple_query(script)`), which PostgreSQL runs as one
 * implicit transaction.
 */
export const DEPLOY_SPLITS_FROM = '7.4.0';

/**
 * From this release the shadow database `prisma migrate dev` replays every migration into takes
 * the same path (prisma-engines PR #5799, merged 2026-04-14, after 7.7.0): before it, a file that
 * deploys fine fails there (P3006) when its statements need no transaction.
 */
export const SHADOW_SPLITS_FROM = '7.8.0';

/** How a Prisma release sends a migration.sql of several statements: one query, each statement alone, or not known. */
export type PrismaSends = 'whole' | 'split' | 'unknown';

/** How this project's Prisma sends a migration.sql, in `prisma migrate deploy` and in `migrate dev`'s shadow database. */
export interface PrismaScripts {
  deploy: PrismaSends;
  shadow: PrismaSends;
  /** The version and where it was read (`Prisma 6.19.0, pnpm-lock.yaml`), or why it could not be told. */
  said: string;
}

/** How Prisma Migrate sends one migration.sql (SchemaOp.prisma): what MIG020, MIG021 and MIG037 say about it. */
export interface PrismaFileSends {
  /** How this project's Prisma sends a file of several statements (prisma-version.ts). */
  scripts: PrismaScripts;
  /** The file holds several statements (comments and empty `;` aside). */
  several: boolean;
  /**
   * A statement of the file that Prisma's splitter may not read, which sends the whole file as
   * one query even where the release splits (its label); absent when there is none.
   */
  unsplit?: string;
  /** True when it is known not to read it (DROP INDEX CONCURRENTLY); else Slipway cannot tell. */
  unsplitKnown?: boolean;
}

/** The lock files an npm-family project keeps beside its package.json, and their formats. */
const LOCKS: readonly [string, NpmLockFormat][] = [
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
];

/** The packages whose version is Prisma's: the CLI that runs `migrate`, else the client kept at its version. */
const NAMES = ['prisma', '@prisma/client'] as const;

const join = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);
const parent = (dir: string) => (dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '');

/**
 * How the Prisma that applies the migrations in `folder` (a series: `prisma/migrations`) sends a
 * migration.sql: read from the nearest package.json from that folder up that names `prisma` (or
 * `@prisma/client`), and the version the nearest npm-family lock above it installs for it; else
 * the version range package.json asks for, when all of it falls on one side of each release that
 * changed this. A tag, a range across a release, a package.json with neither package: unknown,
 * with why.
 */
export function prismaScriptsOf(repo: RepoView, folder: string, npmFiles?: NpmFileCache): PrismaScripts {
  const start = withoutTrailingSlashes(folder);
  const found = declaredPrisma(repo, start);
  if (!found)
    return unknown(
      `no package.json from ${start || 'the repository root'} up names prisma or @prisma/client`,
    );
  const { dir, manifestPath, declared } = found;
  const locked = lockedVersion(repo, dir, declared, npmFiles);
  if (locked?.version !== undefined) {
    const v = semver.valid(locked.version, { loose: true });
    if (v) return byVersion(v, `${declared.name} ${v}, ${locked.path}`);
  }
  const asked = `${manifestPath} asks for ${declared.name} ${declared.spec}`;
  const lockNote = locked ? `, and ${locked.path} ${locked.why}` : ', and no lock says which is installed';
  const exact = semver.valid(declared.spec, { loose: true });
  if (exact) return byVersion(exact, `${declared.name} ${exact}, ${manifestPath}`);
  const range = semver.validRange(declared.spec, { loose: true });
  if (range === null) return unknown(`${asked}, not a version range${lockNote}`);
  const deploy = sideOf(range, DEPLOY_SPLITS_FROM);
  const shadow = sideOf(range, SHADOW_SPLITS_FROM);
  if (deploy === 'unknown')
    return unknown(`${asked}, which spans releases before and after ${DEPLOY_SPLITS_FROM}${lockNote}`);
  return { deploy, shadow, said: `${declared.name} ${declared.spec}, ${manifestPath}` };
}

function unknown(why: string): PrismaScripts {
  return {
    deploy: 'unknown',
    shadow: 'unknown',
    said: `this project's Prisma version could not be told: ${why}`,
  };
}

function byVersion(version: string, said: string): PrismaScripts {
  const from = (release: string): PrismaSends => (semver.gte(version, release) ? 'split' : 'whole');
  return { deploy: from(DEPLOY_SPLITS_FROM), shadow: from(SHADOW_SPLITS_FROM), said };
}

/** Every version `range` allows is from `release` on (`split`), none is (`whole`), or some are. */
function sideOf(range: string, release: string): PrismaSends {
  const least = semver.minVersion(range, { loose: true });
  if (least && semver.gte(least, release)) return 'split';
  return semver.intersects(range, `>=${release}`, { loose: true }) ? 'unknown' : 'whole';
}

/** The nearest package.json from `dir` up that declares Prisma, and that declaration. */
function declaredPrisma(
  repo: RepoView,
  start: string,
): { dir: string; manifestPath: string; declared: NpmDeclared } | undefined {
  for (let dir = start; ; dir = parent(dir)) {
    const manifestPath = join(dir, 'package.json');
    const text = repo.readFile(manifestPath);
    if (text !== undefined) {
      const { declared } = readNpmManifest(text);
      for (const name of NAMES) {
        const d = declared.find((x) => x.name === name && x.section !== 'peerDependencies');
        if (d) return { dir, manifestPath, declared: d };
      }
    }
    if (dir === '') return undefined;
  }
}

/**
 * The version the nearest lock from the package.json's folder up installs for the declaration:
 * its importer's entry (the package.json's folder relative to the lock's), or in a yarn.lock the
 * entry of its `name@specifier`. With the lock's path, and why it gave none when it did not.
 */
function lockedVersion(
  repo: RepoView,
  manifestDir: string,
  declared: NpmDeclared,
  npmFiles: NpmFileCache | undefined,
): { path: string; version?: string; why: string } | undefined {
  for (let dir = manifestDir; ; dir = parent(dir)) {
    for (const [name, format] of LOCKS) {
      const path = join(dir, name);
      const text = repo.readFile(path);
      if (text === undefined) continue;
      const lock = npmFiles ? npmFiles.readNpmLock(path, text, format).lock : readNpmFamilyLock(text, format);
      if (lock.error) return { path, why: `could not be read (${lock.error.message})` };
      const importer = dir === '' ? manifestDir : manifestDir.slice(dir.length + 1);
      const version = versionIn(lock, importer, declared);
      return version === undefined
        ? { path, why: `has no entry for ${declared.name}` }
        : { path, version, why: '' };
    }
    if (dir === '') return undefined;
  }
}

function versionIn(lock: NpmLock, importer: string, d: NpmDeclared): string | undefined {
  const entry = lock.importers.get(importer)?.deps.get(d.name);
  if (entry?.version !== undefined) return entry.version;
  if (lock.format !== 'yarn') return undefined;
  const spellings = lock.yarn === 'berry' ? berryDescriptors(d.name, d.spec) : [`${d.name}@${d.spec}`];
  for (const s of spellings) {
    const pkg = lock.descriptors?.get(s);
    if (pkg?.version !== undefined) return pkg.version;
  }
  return undefined;
}

/**
 * The series folders' Prisma readings (MigrationSources.prismaScripts), each read the first time a
 * file of its series asks: the sources are built by many callers of a check (the path roles, the
 * change counts, the coverage), most of which never ask, and a reading parses a lock.
 */
export interface PrismaScriptsBySeries {
  at(path: string): PrismaScripts;
}

/** How Prisma sends the migration.sql at `path`, when the sources read it (`sql_runner: prisma`). */
export function prismaScriptsAt(
  bySeries: PrismaScriptsBySeries | undefined,
  path: string,
): PrismaScripts | undefined {
  return bySeries?.at(path);
}

/**
 * Every series' reading, for the .sql files of a `sql_runner: prisma` policy, read on demand;
 * through the workspace's npm files when there is one (the DEP rules parse the same lock).
 */
export function prismaScriptsBySeries(repo: RepoView, npmFiles?: NpmFileCache): PrismaScriptsBySeries {
  const read = new Map<string, PrismaScripts>();
  return {
    at(path) {
      const series = seriesOf(path);
      let scripts = read.get(series);
      if (scripts === undefined) {
        scripts = prismaScriptsOf(repo, series, npmFiles);
        read.set(series, scripts);
      }
      return scripts;
    },
  };
}

/**
 * The key a file's stored results go under (SqlResultStore): its path, and how Prisma sends it
 * where that was read, since the same text reads otherwise under another Prisma release.
 */
export function sqlResultKey(path: string, prisma: PrismaScripts | undefined): string {
  return prisma ? `${path}\u0000prisma ${prisma.deploy}/${prisma.shadow} ${prisma.said}` : path;
}
