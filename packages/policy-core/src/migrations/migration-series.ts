/**
 * Which series a `.sql` migration belongs to: the folder its runner reads in order. For most
 * runners that is the file's own folder (`db/migrations/0042_users.sql`). Prisma Migrate (and
 * Drizzle's folder layout) keep each migration in a folder of its own,
 * `prisma/migrations/20240101120000_users/migration.sql`, and run those folders in name order: the
 * series is the folder above, and a migration's place in it is its folder's name. Read per folder,
 * 163 Prisma migrations were 163 series of one file each (issue 51): 163 `applied_through` entries,
 * and naming the last one made nothing before it history.
 */
export function seriesOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const folder = path.slice(0, slash + 1);
  if (path.slice(slash + 1) !== 'migration.sql') return folder;
  const up = folder.lastIndexOf('/', folder.length - 2);
  return up < 0 ? '' : folder.slice(0, up + 1);
}

/**
 * The order of two files of one series as their runner runs them: Prisma Migrate sorts its
 * folders by name as strings (`1_a`, `10_b`, `2_c`), other runners by their numbers (Flyway's V2
 * before V10: `byNumbers`).
 */
export function inSeriesOrder(a: string, b: string, byNumbers: (a: string, b: string) => number): number {
  if (a.endsWith('/migration.sql') && b.endsWith('/migration.sql')) return a < b ? -1 : a > b ? 1 : 0;
  return byNumbers(a, b);
}
