import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Keeps the newest `keep` snapshots (names are ISO timestamps, so they sort by age). */
export function pruneBackups(root: string, backupDir: string, keep: number): void {
  const dir = join(root, backupDir);
  if (!existsSync(dir)) return;
  const snaps = readdirSync(dir)
    .filter(
      (n) => /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d+)?$/.test(n) && existsSync(join(dir, n, 'manifest.json')),
    )
    .sort();
  for (const old of snaps.slice(0, Math.max(0, snaps.length - keep)))
    rmSync(join(dir, old), { recursive: true, force: true });
}
