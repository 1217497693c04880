import { parseDeployRecord, wellFormedLastGoodSha } from '../deploy/record-parse.js';
import type { PolicyDocument } from '../policy/document.js';
import type { RepoView } from '../repo.js';
import type { MigrationAnalysis } from './analyze.js';
import { appliedInDjangoDatabase } from './applied-in-django-database.js';
import { listed, plural } from './applied-note-words.js';
import { importedValues } from './js-import-changes.js';
import { ranWhenSet } from './applied-through-commit.js';
import { readDrizzleJournal } from './drizzle-journal.js';
import { inSeriesOrder, seriesOf } from './migration-series.js';

/**
 * Migrations production has already run. The rules about what running a migration would do
 * (destructive, locks, reversibility) do not judge them again: years of history would otherwise
 * fail the gate over statements that ran long ago, and nothing a rule says can undo them. The
 * revision-graph rules still read them (a missing parent is wrong whenever it was written).
 */
export interface AppliedHistory {
  /** Repo-relative paths of the migration files treated as applied. */
  files: ReadonlySet<string>;
  /** Why, in a clause: "present unchanged in 1a2b3c4d5e6f, the commit production runs per …". */
  reason: string;
}

/**
 * What a production database records of the migrations that ran, read by the host (the guard):
 * the revisions its `alembic_version` holds, or for a Django policy (`tool: 'django'`) every row
 * of its `django_migrations` as `app.name`.
 */
export interface ProductionDatabase {
  /** Its name under `migrations.databases` (`prod`). */
  name: string;
  versions: readonly string[];
  tool?: 'alembic' | 'django';
}

export interface AppliedVerdict {
  applied?: AppliedHistory;
  /** What a person should know about the decision: a record that names an unknown commit, edited history. */
  notes: string[];
}

const short = (sha: string) => sha.slice(0, 12);

/**
 * Decides which migration files are history, from the best evidence there is: the deploy
 * record's `last_good_sha` (what production runs: a migration file in that commit, unchanged
 * since, has run there), else the production database's `alembic_version` when the host read it
 * (those revisions and their ancestors), else the policy's `migrations.applied_through` (what the
 * commit that set it held: applied-through-commit.ts). A record naming a
 * commit this repository does not have decides nothing, and says so; an applied file edited
 * since is judged again (its edit never ran). `productionRecord`: the record's text when it is
 * not the one in `repo` (promote's guard judges the shipped commit with the deploying checkout's).
 */
export function appliedHistory(
  doc: PolicyDocument,
  repo: RepoView,
  analysis: MigrationAnalysis,
  productionRecord?: string,
  productionDatabase?: ProductionDatabase,
): AppliedVerdict {
  const policy = doc.policy;
  const paths = migrationPaths(analysis);
  const notes: string[] = [];
  const deploy = policy.deploy;
  const recordText = deploy ? (productionRecord ?? repo.readFile(deploy.record)) : undefined;
  const sha = recordText === undefined ? undefined : wellFormedLastGoodSha(parseDeployRecord(recordText));
  if (deploy && sha) {
    const loads = analysis.sqlLoads;
    const atSha = repo.git?.readFilesAt?.(sha, [
      ...paths,
      ...loads.byFile.keys(),
      ...analysis.jsImports.keys(),
    ]);
    if (atSha) {
      const files = new Set<string>();
      const edited: string[] = [];
      const loadedUnchanged = new Set<string>();
      const isMigration = new Set(paths);
      for (const [path, text] of atSha) {
        const same = repo.readFile(path) === text;
        if (loads.byFile.has(path) && same) loadedUnchanged.add(path);
        if (!isMigration.has(path)) continue;
        if (same) files.add(path);
        else edited.push(path);
      }
      // A revision whose loaded file changed since (or was not there) runs other SQL than
      // production ran: judged again, as an edited revision is.
      for (const [module, loaded] of loads.byModule)
        if (files.has(module) && loaded.some((p) => !loadedUnchanged.has(p))) {
          files.delete(module);
          edited.push(module);
        }
      // A JS/TS migration reading a value from a module that changed since runs other SQL too.
      const imports = importedValues(analysis, repo);
      for (const m of [...files])
        if (imports.changedSince(m, atSha)) {
          files.delete(m);
          edited.push(m);
        }
      if (edited.length > 0)
        notes.push(
          `${plural(edited.length, 'migration')} in ${short(sha)} edited since ${edited.length === 1 ? 'is' : 'are'} judged again (the edit never ran): ${listed(edited)}`,
        );
      const reason = `present unchanged in ${short(sha)}, the commit ${deploy.production} runs per ${deploy.record}`;
      return { applied: { files, reason }, notes };
    }
  }
  // A record that names a commit it cannot read decides nothing; the note says what decides instead.
  const unread =
    deploy && sha
      ? repo.git?.readFilesAt
        ? `${deploy.record} says ${deploy.production} runs ${short(sha)}, which is not a commit in this repository (a shallow clone, or rewritten history)`
        : `${deploy.record} names ${short(sha)}, but there is no git here to read it`
      : undefined;
  const instead = (decides: string | undefined) => {
    if (unread)
      notes.unshift(
        decides
          ? `${unread}: ${decides} decides instead`
          : `${unread}: judged as if no migration had run there`,
      );
  };
  const fromDatabase = productionDatabase && appliedInDatabase(productionDatabase, analysis, repo, notes);
  if (fromDatabase) {
    instead(
      `database ${productionDatabase.name}'s ${productionDatabase.tool === 'django' ? 'django_migrations' : 'alembic_version'}`,
    );
    return { applied: fromDatabase, notes };
  }
  const through = policy.migrations?.applied_through;
  if (through === undefined) {
    instead(undefined);
    return { notes };
  }
  instead('migrations.applied_through');
  const named = typeof through === 'string' ? [through] : through;
  const found = new Map<string, Set<string>>();
  const unknown: string[] = [];
  for (const entry of named) {
    const files = appliedThrough(entry, analysis, repo);
    if (files.size === 0) unknown.push(entry);
    else found.set(entry, files);
  }
  const { files, notes: judged } = ranWhenSet(
    doc.file,
    found,
    analysis.sqlLoads.byModule,
    repo,
    importedValues(analysis, repo),
  );
  if (unknown.length > 0)
    notes.push(
      unknown.length === 1
        ? `migrations.applied_through names "${unknown[0]}", which is neither a revision nor a migration file here: nothing is treated as applied for it`
        : `migrations.applied_through names ${unknown.length} entries that are neither a revision nor a migration file here (${listed(unknown)}): nothing is treated as applied for them`,
    );
  // The summary line names the entries, never hundreds of them (one per series is usual; a
  // policy written before Prisma's folders were one series had one per migration).
  const reason = `at or before migrations.applied_through (${listed(named, 3)}) in the policy`;
  return { applied: { files, reason }, notes: [...notes, ...judged] };
}

/**
 * The revisions the production database says it is at, and their ancestors. A version that is no
 * revision here (a branch not merged into this checkout) decides nothing for itself, and is said.
 */
function appliedInDatabase(
  db: ProductionDatabase,
  analysis: MigrationAnalysis,
  repo: RepoView,
  notes: string[],
): AppliedHistory | undefined {
  if (db.tool === 'django') {
    if (db.versions.length === 0) {
      notes.push(`database ${db.name} has no django_migrations row: judged as if no migration had run there`);
      return undefined;
    }
    const files = appliedInDjangoDatabase(db.name, db.versions, analysis, notes);
    return files.size === 0
      ? undefined
      : { files, reason: `recorded in database ${db.name}'s django_migrations` };
  }
  if (db.versions.length === 0) {
    notes.push(`database ${db.name} has no alembic_version row: judged as if no migration had run there`);
    return undefined;
  }
  const files = new Set<string>();
  for (const version of db.versions) {
    // alembic_version names Alembic revisions: a Django app's, Knex's or TypeORM's migrations are not in it.
    const found = analysis.trees.some(
      (t) => t.django === undefined && t.js === undefined && t.graph.has(version),
    )
      ? appliedThrough(version, analysis, repo)
      : undefined;
    if (found === undefined)
      notes.push(
        `database ${db.name} is at ${version}, which is no revision in this checkout: nothing is treated as applied for it`,
      );
    else for (const f of found) files.add(f);
  }
  if (files.size === 0) return undefined;
  return { files, reason: `at or below database ${db.name}'s alembic_version (${db.versions.join(', ')})` };
}

/** Every migration file the analysis read: Alembic revisions and .sql migrations. */
function migrationPaths(analysis: MigrationAnalysis): string[] {
  const paths: string[] = [];
  for (const tree of analysis.trees) for (const m of tree.modules) if (m.isMigration) paths.push(m.path);
  for (const f of analysis.sqlFiles) paths.push(f.path);
  return paths;
}

/**
 * The order runners apply .sql files in: by their numbers (Flyway's V2 before V10), so numbers
 * compare as numbers. init writes `applied_through` in the same order.
 */
export const byNumbers = new Intl.Collator('en', { numeric: true }).compare;

/**
 * The files `entry` (a revision id, a migration's path, or a Django migration as
 * `<app>.<name>`: `shop.0007_add_rank`) names as run: it and what came before.
 */
function appliedThrough(entry: string, analysis: MigrationAnalysis, repo: RepoView): Set<string> {
  const files = new Set<string>();
  for (const tree of analysis.trees) {
    const byPath = tree.modules.find((m) => m.isMigration && m.path === entry)?.revision?.value;
    // A Django migration's name is only unique in its app: `0002_x` alone names none.
    const id =
      tree.django === undefined
        ? entry
        : entry.startsWith(`${tree.django}.`)
          ? entry.slice(tree.django.length + 1)
          : undefined;
    const revision = byPath ?? (id !== undefined && tree.graph.has(id) ? id : undefined);
    if (revision === undefined) continue;
    for (const r of [revision, ...tree.graph.ancestorsOf(revision)]) {
      const file = tree.graph.fileOf(r);
      if (file !== undefined) files.add(file);
    }
  }
  const sql = analysis.sqlFiles.find((f) => f.path === entry);
  if (sql) {
    // The series the file is in (its folder, or the folder above a Prisma-style
    // `<timestamp>_<name>/migration.sql`), in the order its runner runs it.
    const series = seriesOf(sql.path);
    const journal = analysis.sqlRunner === 'drizzle' ? journalOrder(series, repo) : undefined;
    for (const f of analysis.sqlFiles) {
      if (seriesOf(f.path) !== series) continue;
      // Drizzle runs its journal's entries in the journal's order: a file it does not list
      // never ran (MIG150 says so), and is judged.
      const before = journal
        ? (journal.get(f.path) ?? Number.POSITIVE_INFINITY) <= (journal.get(sql.path) ?? -1)
        : inSeriesOrder(f.path, sql.path, byNumbers) <= 0;
      if (before) files.add(f.path);
    }
  }
  return files;
}

/** Each file's place in the Drizzle journal beside `folder`, when there is a journal it can read. */
export function journalOrder(folder: string, repo: RepoView): Map<string, number> | undefined {
  const text = repo.readFile(`${folder}meta/_journal.json`);
  const read = text === undefined ? undefined : readDrizzleJournal(text);
  if (!read || 'problem' in read) return undefined;
  return new Map(read.journal.tags.map((tag, i) => [`${folder}${tag}.sql`, i]));
}
