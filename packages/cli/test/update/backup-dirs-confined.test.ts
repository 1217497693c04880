import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusedDir } from '../../src/update/dirs-inside.js';
import { pruneBackups } from '../../src/update/prune-backups.js';
import { createSnapshot, type SnapshotLayout } from '../../src/update/snapshot.js';

/**
 * The updater writes backups into `backup_dir`, deletes old ones there and restores state into
 * `persistence_dir`. A committed symbolic link in either path must not turn those writes and
 * deletes onto a folder outside the repository; a link to a folder inside is fine.
 */
let tmp: string;
let root: string;
let outside: string;
const SNAPS = ['2026-01-01T00-00-00Z', '2026-01-02T00-00-00Z', '2026-01-03T00-00-00Z'];
const seed = (dir: string) => {
  for (const s of SNAPS) {
    mkdirSync(join(dir, s), { recursive: true });
    writeFileSync(join(dir, s, 'manifest.json'), '{}\n');
  }
};

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'slw-backup-dirs-'));
  root = join(tmp, 'bot');
  outside = join(tmp, 'elsewhere');
  mkdirSync(root);
  mkdirSync(outside);
  seed(outside);
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const layout = (backupDir: string): SnapshotLayout => ({
  root,
  keep: ['.git', backupDir, 'bot_persistence'],
  backupDir,
  persistenceDir: 'bot_persistence',
  profile: 'default',
});

describe('the updater writes and deletes only inside the repository', () => {
  it('pruning through `backups` linked outside deletes nothing there, and says so', () => {
    symlinkSync(outside, join(root, 'backups'));
    const why = pruneBackups(root, 'backups', 1);
    expect(why).toMatch(
      /^old backups not pruned: backups leads outside the repository through the symbolic link backups/,
    );
    expect(readdirSync(outside).sort()).toEqual(SNAPS);
  });

  it('a snapshot into a folder whose parent is linked outside is refused before anything is written', async () => {
    mkdirSync(join(outside, 'var'));
    symlinkSync(join(outside, 'var'), join(root, 'var'));
    await expect(createSnapshot(layout('var/backups'), {}, new Date(0), 'abc', 'main')).rejects.toThrow(
      /var\/backups leads outside the repository through the symbolic link var:/,
    );
    expect(readdirSync(join(outside, 'var'))).toEqual([]);
  });

  it('persistence_dir linked outside refuses the snapshot too (the restore would write there)', async () => {
    symlinkSync(outside, join(root, 'bot_persistence'));
    await expect(createSnapshot(layout('backups'), {}, new Date(0), 'abc', 'main')).rejects.toThrow(
      /bot_persistence leads outside the repository/,
    );
    expect(existsSync(join(root, 'backups'))).toBe(false);
  });

  it('a dangling link and a file in the way are refused with what to do', () => {
    symlinkSync(join(tmp, 'nowhere'), join(root, 'backups'));
    expect(refusedDir(root, ['backups'])).toMatch(
      /the symbolic link backups leads to no folder; make it a real folder/,
    );
    writeFileSync(join(root, 'state'), 'x');
    expect(refusedDir(root, ['state/backups'])).toMatch(/state is not a folder/);
  });

  it('near misses: a real folder is pruned to `keep`; a link to a folder inside is followed', () => {
    seed(join(root, 'backups'));
    expect(pruneBackups(root, 'backups', 1)).toBeUndefined();
    expect(readdirSync(join(root, 'backups'))).toEqual([SNAPS[2]]);
    mkdirSync(join(root, 'store/snaps'), { recursive: true });
    seed(join(root, 'store/snaps'));
    symlinkSync(join(root, 'store/snaps'), join(root, 'snaps'));
    expect(refusedDir(root, ['snaps', 'not/yet/there'])).toBeUndefined();
    expect(pruneBackups(root, 'snaps', 2)).toBeUndefined();
    expect(readdirSync(join(root, 'store/snaps')).sort()).toEqual(SNAPS.slice(1));
  });
});
