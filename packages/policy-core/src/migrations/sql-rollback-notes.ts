import type { Policy, SqlRunner } from '../policy/schema/index.js';
import type { RepoView } from '../repo.js';
import { byNumbers } from './applied-history.js';
import { inSeriesOrder, seriesOf } from './migration-series.js';
import { migrationLocations } from './migration-locations.js';
import { backSections, sqlFilePart } from './sql-migration-parts.js';

/** Most files listed one per line; the rest are counted. */
const MAX_LISTED = 20;

/** Runners that keep no way back at all: each undo is written by hand. */
const NO_WAY_BACK: Partial<Record<SqlRunner, string>> = {
  plain: 'plain .sql migrations have no way back',
  psql: 'plain .sql migrations run by psql have no way back',
  prisma: 'Prisma Migrate keeps no down migrations',
  drizzle: 'Drizzle keeps no down migrations',
};

/** The file that is `path`'s way back under runners that keep it in a file of its own. */
function backFile(path: string, runner: SqlRunner): string | undefined {
  const slash = path.lastIndexOf('/');
  const folder = path.slice(0, slash + 1);
  const name = path.slice(slash + 1);
  switch (runner) {
    case 'golang-migrate':
    case 'pop':
      return /\.up\.sql$/i.test(name) ? `${folder}${name.replace(/\.up\.sql$/i, '.down.sql')}` : undefined;
    case 'diesel':
      return name === 'up.sql' ? `${folder}down.sql` : undefined;
    case 'yoyo':
      return `${folder}${name.replace(/\.sql$/i, '.rollback.sql')}`;
    case 'flyway':
      return /^V/.test(name) ? `${folder}U${name.slice(1)}` : undefined;
    case 'sqitch': {
      const m = /^(.*\/)?deploy\/([^/]+)$/.exec(path);
      return m ? `${m[1] ?? ''}revert/${m[2]}` : undefined;
    }
    default:
      return undefined;
  }
}

/** What undoes one added file, as the current commit has it. */
function wayBack(path: string, runner: SqlRunner, current: RepoView, has: Set<string>): string {
  const none = NO_WAY_BACK[runner];
  if (none) return `${none}: undo it by hand`;
  const file = backFile(path, runner);
  if (file !== undefined) return has.has(file) ? `way back: ${file}` : `no way back: ${file} is not there`;
  // goose, sql-migrate, dbmate: a Down section in the file itself.
  const text = current.readFile(path);
  if (text === undefined) return 'its way back could not be read';
  const down = backSections(text, runner).some(({ from, to }) =>
    /\S/.test(strippedMarker(text.slice(from, to))),
  );
  return down ? 'way back: its Down section' : 'no way back: its Down section is missing or empty';
}

/** A Down section's text without its marker line (the first line). */
function strippedMarker(section: string): string {
  const nl = section.indexOf('\n');
  return nl < 0 ? '' : section.slice(nl + 1).replace(/^\s*--.*$/gm, '');
}

/**
 * The forward .sql migrations (the policy's `migrations.sql` patterns) the current commit has and
 * the target does not: an application rollback leaves them applied. Listed per series, newest
 * first, each with what undoes it under the policy's runner; one line per string, a line starting
 * with two spaces belonging to the note above it.
 */
export function sqlRollbackNotes(
  section: NonNullable<Policy['migrations']>,
  targetFiles: readonly string[],
  current: RepoView,
  targetSha: string,
): string[] {
  if ((section.sql ?? []).length === 0) return [];
  const runner = section.sql_runner ?? 'plain';
  const then = new Set(targetFiles);
  const has = new Set(current.listFiles());
  // The .sql migrations as the checks find them (the policy's patterns), added and run forward.
  const added = migrationLocations(current, section).sqlFiles.filter(
    (f) => !then.has(f) && sqlFilePart(f, runner) === 'forward',
  );
  if (added.length === 0) return [];
  const short = targetSha.slice(0, 12);
  const bySeries = new Map<string, string[]>();
  for (const f of added) bySeries.set(seriesOf(f), [...(bySeries.get(seriesOf(f)) ?? []), f]);
  const notes: string[] = [];
  for (const [series, files] of [...bySeries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    files.sort((a, b) => inSeriesOrder(b, a, byNumbers));
    const n = files.length;
    notes.push(
      `not undone: ${n} SQL migration${n === 1 ? '' : 's'} in ${series || 'the repository root'} added since ${short} stay${n === 1 ? 's' : ''} applied to the database (an app rollback leaves it alone), newest first:`,
    );
    for (const f of files.slice(0, MAX_LISTED)) notes.push(`  ${f}  ${wayBack(f, runner, current, has)}`);
    if (n > MAX_LISTED) notes.push(`  … and ${n - MAX_LISTED} more`);
    notes.push(
      `  to undo them: run each way back, newest first, with the current code, before the rollback (the target's code does not have these files); or keep them if the target's code runs on the new schema`,
    );
  }
  return notes;
}
