/**
 * A change to a module a JS/TS migration imports its strings from (`${UserStatus.UNVERIFIED}` in
 * its SQL, js-imported-strings.ts) changes what the migration runs when a value it reads changes:
 * an enum member rewritten to `x'); DROP TABLE accounts; --` is a DROP in every database the
 * migration runs on next, the migration file untouched. Such a migration is judged again, as one
 * whose loaded SQL file changed (loaded-sql.ts) is; an edit that leaves every value it reads as it
 * was (a member added, a comment) is not, so old migrations' findings do not come back on every
 * edit of an entity file.
 */
import { groupBy } from '../group-by.js';
import type { RepoView } from '../repo.js';
import type { MigrationAnalysis, MigrationTree } from './migration-analysis.js';
import { ImportedStringsReader } from './js-imported-strings.js';

/** The migrations whose imports read each module, by the module's path. */
export function jsImportsByModule(trees: readonly MigrationTree[]): Map<string, string[]> {
  const reads = trees.flatMap((tree) =>
    [...(tree.imports ?? [])].flatMap(([migration, modules]) =>
      modules.map((module) => ({ module, migration })),
    ),
  );
  return new Map(
    [...groupBy(reads, (r) => r.module)].map(([module, rs]) => [module, rs.map((r) => r.migration)]),
  );
}

/**
 * Whether the values `migration` (its text as it is) reads through its imports differ when the
 * `touched` modules are read as they were (`readBefore`; undefined: absent then) rather than as
 * they are (`readNow`).
 */
export function importedValuesChanged(
  migration: string,
  text: string,
  touched: ReadonlySet<string>,
  readNow: (path: string) => string | undefined,
  readBefore: (path: string) => string | undefined,
): boolean {
  // One reader: the migration is parsed once, each module text once.
  const reader = new ImportedStringsReader();
  const now = reader.of(migration, text, readNow).values;
  const before = reader.of(migration, text, (p) => (touched.has(p) ? readBefore(p) : readNow(p))).values;
  // Only the names the migration's text reads: the module's other members may change freely.
  const reads = (name: string) =>
    new RegExp(`(^|[^\\w$.])${name.replace(/[.$]/g, '\\$&')}(?![\\w$])`).test(text);
  for (const name of new Set([...now.keys(), ...before.keys()]))
    if (now.get(name) !== before.get(name) && reads(name)) return true;
  return false;
}

/** What a reading of history asks of the JS/TS migrations' imports (applied-history.ts). */
export interface ImportedValues {
  /** The repository's modules a migration's imports read (none: it reads none). */
  modulesOf(migration: string): readonly string[];
  /**
   * Whether a value the migration's text reads differs from what it was with its modules as
   * `then` holds them (a commit's files; absent: the module did not exist then).
   */
  changedSince(migration: string, then: ReadonlyMap<string, string>): boolean;
}

export function importedValues(analysis: MigrationAnalysis, repo: RepoView): ImportedValues {
  // Each tree already holds its migrations' modules (js-tree.ts): no inverse of jsImports to build.
  const byMigration = new Map(analysis.trees.flatMap((tree) => [...(tree.imports ?? [])]));
  const read = (p: string) => repo.readFile(p);
  return {
    modulesOf: (m) => byMigration.get(m) ?? [],
    changedSince: (m, then) => {
      const touched = (byMigration.get(m) ?? []).filter((module) => then.get(module) !== read(module));
      const text = touched.length > 0 ? read(m) : undefined;
      return text !== undefined && importedValuesChanged(m, text, new Set(touched), read, (p) => then.get(p));
    },
  };
}
