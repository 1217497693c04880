import type { ChangeSet } from '../../../change-set.js';
import { isVersionFile } from '../../../migrations/version-files.js';
import { migrationLocations } from '../../../migrations/migration-locations.js';
import { dependencyPairs } from '../../../policy/dependency-pairs.js';
import type { RepoView } from '../../../repo.js';
import type { PairFacts } from '../../dependencies/facts/pair-facts.js';
import { dependencyReaders } from '../../dependency-readers.js';
import type { CheckContext } from '../../../rule.js';

/**
 * What an agent change does, counted against its base, each count read only when its cap is
 * set: files touched (a rename is one), lines added and removed, packages added to the policy's
 * dependency pairs, migration files added, files deleted.
 */
export interface ChangeCounts {
  files(): number;
  lines(): number | undefined;
  newDependencies(): { count: number; names: string[] };
  migrations(): { count: number; paths: string[] };
  deletedFiles(): number;
}

export function changeCounts(ctx: CheckContext, change: ChangeSet): ChangeCounts {
  return {
    files: () => change.files.length,
    lines: () => {
      const stats = change.lineStats?.();
      return stats ? stats.added + stats.removed : undefined;
    },
    deletedFiles: () => change.files.filter((f) => f.status === 'deleted').length,
    migrations: () => addedMigrations(ctx, change),
    newDependencies: () => newDependencies(ctx, change),
  };
}

function addedMigrations(ctx: CheckContext, change: ChangeSet): { count: number; paths: string[] } {
  const section = ctx.policy.policy.migrations;
  // Stryker disable next-line ArrayDeclaration: a count of 0 is never over a cap, so its paths are never shown.
  if (!section) return { count: 0, paths: [] };
  const sources = migrationLocations(ctx.repo, section);
  const sql = new Set(sources.sqlFiles);
  const paths = change.files
    .filter((f) => f.status === 'added' || f.status === 'copied')
    .map((f) => f.path)
    .filter(
      (p) => sql.has(p) || (isVersionFile(p) && sources.alembic.some((root) => p.startsWith(`${root}/`))),
    );
  return { count: paths.length, paths };
}

/**
 * Packages a dependency pair names at head and did not name at base: in its requirements (with
 * their `-r` includes, or a pyproject.toml's declarations) or in its lock. The lock counts
 * because every package it pins is installed: a name added only there (a "transitive" pin in a
 * superset lock) is as new as one added to the requirements file. Each side is read by the DEP
 * family's own reader (`loadPair`), the base one over the base's texts, and only for pairs one
 * of whose files the change touched.
 */
function newDependencies(ctx: CheckContext, change: ChangeSet): { count: number; names: string[] } {
  const touched = new Set(change.files.flatMap((f) => (f.oldPath ? [f.path, f.oldPath] : [f.path])));
  // What loadPair reads, named one by one: a spread would read every field, and the editor's
  // dependency graph counts each as an input (`now` is a fixed date: the clock read would re-run
  // the family on every check). The head is read through the workspace's caches, where the DEP
  // family has already parsed the same texts; the base without them: they keep one text per
  // path, and the base's would evict the head's.
  const { policy, env } = ctx;
  const now = new Date(0);
  const headCtx: CheckContext = {
    policy,
    now,
    env,
    repo: ctx.repo,
    // Stryker disable next-line ObjectLiteral: the workspace only caches the parses of the same texts; without it they are parsed again, the same.
    ...(ctx.workspace ? { workspace: ctx.workspace } : {}),
  };
  const baseCtx: CheckContext = { policy, now, env, repo: baseView(ctx.repo, change) };
  const pairs = dependencyPairs(ctx.policy.policy);
  // Without pairs the readers may not be loaded (dependency-readers.ts): none are asked for.
  // Stryker disable next-line ArrayDeclaration: a count of 0 is never over a cap, so its names are never shown.
  if (pairs.length === 0) return { count: 0, names: [] };
  const { loadPair } = dependencyReaders();
  const names = new Set<string>();
  for (const { pair, path } of pairs) {
    const head = loadPair(headCtx, pair, path);
    if (!head.read.some((p) => touched.has(p))) continue;
    const base = loadPair(baseCtx, pair, path);
    // A lock the base did not have yet pins what was installed unpinned before: its transitive
    // packages are not new, so then only the requirements side counts.
    const before = packageKeys(base, true);
    for (const key of packageKeys(head, base.lockState === 'ok')) if (!before.has(key)) names.add(key);
  }
  return { count: names.size, names: [...names].sort() };
}

function packageKeys(facts: PairFacts, withLock: boolean): Set<string> {
  const keys = new Set<string>();
  for (const { entry } of facts.requirements) if (entry.key !== undefined) keys.add(entry.key);
  if (withLock)
    for (const entry of facts.lockEntries) if (!facts.lockProjects.has(entry.key)) keys.add(entry.key);
  // Stryker disable next-line ArrayDeclaration: deleting a made-up name instead of none deletes no package's key.
  for (const key of facts.pyproject?.local ?? []) keys.delete(key);
  // An npm pair: every package.json's declarations, and every package the lock installs. A
  // package's name is its key (npm names are case-sensitive and not normalised).
  for (const m of facts.npm?.manifests ?? []) for (const d of m.manifest.declared) keys.add(`npm:${d.name}`);
  if (withLock) for (const p of facts.npm?.lock?.packages ?? []) keys.add(`npm:${p.name}`);
  return keys;
}

/** The repository as the change's base holds it; with no base to read, nothing (every package is new). */
function baseView(repo: RepoView, change: ChangeSet): RepoView {
  return {
    listFiles: () => repo.listFiles(),
    readFile: (path) => change.readBase?.(path),
  };
}
