import type { MarkerList } from './marker.js';
import { normalizeName } from './pep503.js';
import { pinOf } from './pin.js';
import type { RequirementEntry } from './requirements-file.js';
import { readTomlLock } from './toml-lock.js';

export type LockFormat = 'requirements' | 'uv' | 'poetry';

/** One locked distribution, whatever the lock's format. */
export interface LockEntry {
  key: string;
  name: string;
  /** The pinned version; undefined when the entry is not an exact pin. */
  version?: string;
  url?: string;
  extras: string[];
  marker?: MarkerList;
  markerText?: string;
  hashed: boolean;
  file: string;
  /** File offsets of the entry's name (findings point here) and of its version text. */
  start: number;
  end: number;
  versionStart: number;
  versionEnd: number;
  /** For requirements-style locks, the parsed line. */
  req?: RequirementEntry;
}

/** Which reader a lock needs: the policy's `lock_format`, else the file name decides. */
export function detectLockFormat(path: string, configured: 'auto' | LockFormat = 'auto'): LockFormat {
  if (configured !== 'auto') return configured;
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'uv.lock') return 'uv';
  if (base === 'poetry.lock') return 'poetry';
  return 'requirements';
}

export function lockEntryFromRequirement(file: string, r: RequirementEntry): LockEntry | undefined {
  if (!r.key) return undefined;
  const pin = pinOf(r);
  const e: LockEntry = {
    key: r.key,
    name: r.name ?? r.key,
    extras: r.extras,
    hashed: r.hashes.length > 0,
    file,
    start: r.nameStart,
    end: r.nameEnd,
    versionStart: pin?.start ?? -1,
    versionEnd: pin?.end ?? -1,
    req: r,
  };
  if (pin) e.version = pin.version;
  if (r.url) e.url = r.url;
  if (r.marker) {
    e.marker = r.marker;
    e.markerText = r.markerText as string;
  }
  return e;
}

export interface TomlLockEntries {
  entries: LockEntry[];
  error?: { message: string; offset: number };
}

export function readTomlLockEntries(file: string, text: string, format: 'uv' | 'poetry'): TomlLockEntries {
  const lock = readTomlLock(text, format);
  const entries: LockEntry[] = [];
  for (const p of lock.packages) {
    if (p.isProject || !p.name) continue;
    const e: LockEntry = {
      key: normalizeName(p.name),
      name: p.name,
      extras: [],
      hashed: p.hashed,
      file,
      start: p.start,
      end: p.end,
      versionStart: p.versionStart,
      versionEnd: p.versionEnd,
    };
    if (p.version !== undefined) e.version = p.version;
    entries.push(e);
  }
  return lock.error ? { entries, error: lock.error } : { entries };
}
