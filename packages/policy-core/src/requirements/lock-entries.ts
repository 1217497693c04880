import { type LockEntry, lockEntryFromRequirement } from './lock-file.js';
import type { RequirementEntry } from './requirements-file.js';
import type { DepFile } from './dep-file.js';

/**
 * How a lock's entry list came from the one before it: an edit that kept every entry's key at
 * its position (a version, a hash or a marker typed over). The lock's index by key is then the
 * previous one (lock-tables.ts), and only requirements naming `changedKeys` need matching again
 * (match-state.ts): a keystroke in a 5,000-package lock costs its line, not 5,000 entries.
 */
export interface LockRevision {
  previous: LockEntry[];
  changedKeys: ReadonlySet<string>;
}

/** A lock file's entries, as last derived; kept by path in the repository's DependencyCaches. */
export interface LockEntryList {
  file: DepFile;
  entries: LockEntry[];
}

/** Every entry of a parsed lock file, in order: one per requirement that names a package. */
export function freshLockEntries(f: DepFile): LockEntry[] {
  const entries: LockEntry[] = [];
  for (const r of f.parsed.requirements) {
    const e = lockEntryFromRequirement(f.path, r);
    if (e) entries.push(e);
  }
  return entries;
}

/**
 * The entries of `f`, reusing those of `prev` (an earlier parse of the same path) for every
 * requirement the re-parse kept: the incremental parse reuses a requirement object only for an
 * unchanged line, so the two requirement lists share a prefix and a suffix of objects, and each
 * keyed requirement has exactly one entry, in order. Also says, when every position kept its
 * key, which keys' entries changed.
 */
export function derivedLockEntries(
  prev: LockEntryList,
  f: DepFile,
): { entries: LockEntry[]; revision?: LockRevision } {
  const a = prev.file.parsed.requirements;
  const b = f.parsed.requirements;
  const min = Math.min(a.length, b.length);
  let p = 0;
  while (p < min && a[p] === b[p]) p++;
  let s = 0;
  while (s < min - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  // Most of the file changed: deriving saves nothing.
  if (b.length - p - s > b.length / 2) return { entries: freshLockEntries(f) };
  const keyedBefore = keyed(a, 0, p);
  const keyedAfter = keyed(a, a.length - s, a.length);
  const old = prev.entries;
  const entries = old.slice(0, keyedBefore);
  const added: LockEntry[] = [];
  for (let i = p; i < b.length - s; i++) {
    const e = lockEntryFromRequirement(f.path, b[i] as RequirementEntry);
    if (e) added.push(e);
  }
  for (const e of added) entries.push(e);
  const tailStart = old.length - keyedAfter;
  for (let i = tailStart; i < old.length; i++) entries.push(old[i] as LockEntry);
  // The entries replaced and their replacements, position by position: same keys, same index.
  const removed = old.length - keyedBefore - keyedAfter;
  if (removed !== added.length) return { entries };
  const changedKeys = new Set<string>();
  for (let k = 0; k < added.length; k++) {
    const before = old[keyedBefore + k] as LockEntry;
    const after = added[k] as LockEntry;
    if (before.key !== after.key) return { entries };
    changedKeys.add(after.key);
  }
  return { entries, revision: { previous: old, changedKeys } };
}

function keyed(reqs: readonly RequirementEntry[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if ((reqs[i] as RequirementEntry).key) n++;
  return n;
}
