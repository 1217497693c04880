import type { MarkerList } from './marker.js';
import { normalizeName } from './pep503.js';
import { type Pin, pinOf } from './pin.js';
import type { RequirementEntry } from './requirements-file.js';
import { readTomlLock } from './toml-lock.js';

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
  /** uv.lock and poetry.lock: the normalized names of the packages this entry needs (DEP018). */
  needs?: string[];
}

export function lockEntryFromRequirement(file: string, r: RequirementEntry): LockEntry | undefined {
  return r.key ? new RequirementLockEntry(file, r, r.key) : undefined;
}

/**
 * A requirements-style lock's entry: a view of its parsed line. Only what matching reads on
 * every entry is stored (the version); ranges and the rest are read from the line when a rule
 * asks, so a 300,000-line lock adds one small object per line, not a copy of each.
 */
class RequirementLockEntry implements LockEntry {
  readonly version: string | undefined;
  constructor(
    readonly file: string,
    readonly req: RequirementEntry,
    readonly key: string,
  ) {
    this.version = pinOf(req)?.version;
  }
  get name(): string {
    return this.req.name ?? this.key;
  }
  get url(): string | undefined {
    return this.req.url;
  }
  get extras(): string[] {
    return this.req.extras;
  }
  get marker(): MarkerList | undefined {
    return this.req.marker;
  }
  get markerText(): string | undefined {
    return this.req.markerText;
  }
  get hashed(): boolean {
    return this.req.hashes.length > 0;
  }
  get start(): number {
    return this.req.nameStart;
  }
  get end(): number {
    return this.req.nameEnd;
  }
  get versionStart(): number {
    return this.version === undefined ? -1 : (pinOf(this.req) as Pin).start;
  }
  get versionEnd(): number {
    return this.version === undefined ? -1 : (pinOf(this.req) as Pin).end;
  }
}

export interface TomlLockEntries {
  entries: LockEntry[];
  /** uv: keys of the project itself and its editable or virtual members, which `entries` leaves out. */
  projects: string[];
  error?: { message: string; offset: number };
}

export function readTomlLockEntries(file: string, text: string, format: 'uv' | 'poetry'): TomlLockEntries {
  const lock = readTomlLock(text, format);
  const entries: LockEntry[] = [];
  const projects: string[] = [];
  for (const p of lock.packages) {
    if (p.isProject && p.name) projects.push(normalizeName(p.name));
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
    if (p.needs.length > 0) e.needs = p.needs.map(normalizeName);
    entries.push(e);
  }
  return lock.error ? { entries, projects, error: lock.error } : { entries, projects };
}
