import type { LockEntry } from '../lock-file.js';
import { readBunLock } from './bun-lock.js';
import type { NpmLockFormat } from './npm-lock-model.js';
import { readPackageLock } from './package-lock.js';
import { readPnpmLock } from './pnpm-lock.js';
import { readYarnLock } from './yarn-lock.js';

/**
 * An npm-family lock's packages as the lock entries every lock reader gives (rollback notes list
 * what a rollback reinstalls by them): one per package and version, keyed by name. They carry no
 * offsets: the npm rules point at package.json, not into the machine-written lock.
 */
export function readNpmLockEntries(
  file: string,
  text: string,
  format: NpmLockFormat,
): { entries: LockEntry[]; error?: { message: string; offset: number } } {
  const lock = readNpmFamilyLock(text, format);
  const seen = new Set<string>();
  const entries: LockEntry[] = [];
  for (const p of lock.packages) {
    const id = `${p.name}@${p.version ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const e: LockEntry = {
      key: p.name,
      name: p.name,
      extras: [],
      hashed: false,
      file,
      start: 0,
      end: 0,
      versionStart: -1,
      versionEnd: -1,
    };
    if (p.version !== undefined) e.version = p.version;
    if (p.resolved !== undefined) e.url = p.resolved;
    entries.push(e);
  }
  return lock.error ? { entries, error: lock.error } : { entries };
}

/** The reader of an npm-family lock format. */
export function readNpmFamilyLock(text: string, format: NpmLockFormat) {
  if (format === 'npm') return readPackageLock(text);
  if (format === 'pnpm') return readPnpmLock(text);
  return format === 'yarn' ? readYarnLock(text) : readBunLock(text);
}
