import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { refusedDir } from './dirs-inside.js';

/**
 * Keeps the newest `keep` snapshots (names are ISO timestamps, so they sort by age). Deletes
 * nothing through a link leading out of the repository: returns why, for the run's last line.
 */
export function pruneBackups(root: string, backupDir: string, keep: number): string | undefined {
  const refused = refusedDir(root, [backupDir]);
  if (refused) return `old backups not pruned: ${refused}`;
  const dir = join(root, backupDir);
  if (!existsSync(dir)) return undefined;
  const snaps = readdirSync(dir)
    .filter(
      (n) => /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d+)?$/.test(n) && existsSync(join(dir, n, 'manifest.json')),
    )
    .sort();
  for (const old of snaps.slice(0, Math.max(0, snaps.length - keep)))
    rmSync(join(dir, old), { recursive: true, force: true });
  return undefined;
}
