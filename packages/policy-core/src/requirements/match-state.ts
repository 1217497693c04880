import type { LockEntry } from './lock-file.js';
import type { RequirementEntry } from './requirements-file.js';
import type { LockRevision } from './lock-entries.js';
import type { LockTables } from './lock-tables.js';

/**
 * What the DEP family knows about one pair's requirements against its lock, kept between checks
 * so that a re-check after an edit costs what the edit touched, not the 5,000 lines around it.
 *
 * It is derived from two inputs compared by identity: the lock's entries (a new array whenever
 * the lock's text changes, see pair-facts.ts) and the requirement entries. The parser and the
 * incremental re-parse never change a list once returned and reuse an entry object only for an
 * unchanged line, so the entries before and after an edit are an unchanged prefix and suffix of
 * the previous list (found by comparing pointers) around a few new ones.
 */
export interface MatchState {
  lockEntries: LockEntry[];
  /** The requirement entries of the last check, in order. */
  entries: RequirementEntry[];
  /** 1 where `entries[i]` agrees with its lock entry (see lock-agreement.ts). */
  agrees: Uint8Array;
  disagreeing: number;
  /**
   * How many entries name each key: for a key the lock lists, at its first lock position (one
   * map lookup per requirement, shared with finding its lock entry); for others, by key.
   */
  lockKeyCount: Int32Array;
  otherKeyCount: Map<string, number>;
  /** Keys named by more than one entry. */
  repeatedKeys: Set<string>;
  /** 1 where `lockEntries[i]`'s key is named by no entry. */
  unrequired: Uint8Array;
  unrequiredCount: number;
}

export interface LockIndex {
  lockEntries: LockEntry[];
  /** How `lockEntries` came from the previous list, when every key stayed in place. */
  revision?: LockRevision;
  /** Positions in `lockEntries` by key. */
  tables: LockTables;
  /** Whether `entry` agrees with its lock entry; `first` is its key's first lock position (-1: none). */
  agrees(entry: RequirementEntry, first: number): boolean;
}

/** How many entries of `state` name `key`. */
export function keyCount(state: MatchState, tables: LockTables, key: string): number {
  const first = tables.firstPosition(key);
  return first >= 0 ? (state.lockKeyCount[first] as number) : (state.otherKeyCount.get(key) ?? 0);
}

export function buildState(entries: RequirementEntry[], lock: LockIndex): MatchState {
  const state: MatchState = {
    lockEntries: lock.lockEntries,
    entries,
    agrees: new Uint8Array(entries.length),
    disagreeing: 0,
    lockKeyCount: new Int32Array(lock.lockEntries.length),
    otherKeyCount: new Map(),
    repeatedKeys: new Set(),
    unrequired: new Uint8Array(lock.lockEntries.length).fill(1),
    unrequiredCount: lock.lockEntries.length,
  };
  for (let i = 0; i < entries.length; i++) add(state, lock, entries[i] as RequirementEntry, i);
  return state;
}

/** The state for `entries`, updated from `prev` (whose entries it diffs against) when the lock is the same. */
export function updateState(
  prev: MatchState | undefined,
  entries: RequirementEntry[],
  lock: LockIndex,
): MatchState {
  if (prev && prev.lockEntries !== lock.lockEntries && lock.revision?.previous === prev.lockEntries)
    prev = relocked(prev, lock, lock.revision.changedKeys);
  if (!prev || prev.lockEntries !== lock.lockEntries) return buildState(entries, lock);
  const old = prev.entries;
  if (old === entries) return prev;
  const min = Math.min(old.length, entries.length);
  let p = 0;
  while (p < min && old[p] === entries[p]) p++;
  let s = 0;
  while (s < min - p && old[old.length - 1 - s] === entries[entries.length - 1 - s]) s++;
  // Most of the list changed (a file parsed afresh): rebuilding is as cheap and simpler.
  if (old.length - s - p > entries.length / 2) return buildState(entries, lock);
  const state: MatchState = { ...prev, entries, agrees: new Uint8Array(entries.length) };
  state.agrees.set(prev.agrees.subarray(0, p));
  state.agrees.set(prev.agrees.subarray(old.length - s), entries.length - s);
  for (let i = p; i < old.length - s; i++) remove(state, lock, old[i] as RequirementEntry, prev.agrees[i]);
  for (let i = p; i < entries.length - s; i++) add(state, lock, entries[i] as RequirementEntry, i);
  // The maps and the unrequired flags were updated in place: `prev` must never be diffed again.
  prev.lockEntries = [];
  return state;
}

/**
 * `prev` against a lock whose entries kept their keys and positions: the counts by position
 * and the unrequired flags still hold; only requirements naming a changed key are matched again.
 */
function relocked(prev: MatchState, lock: LockIndex, changedKeys: ReadonlySet<string>): MatchState {
  const agrees = prev.agrees.slice();
  let disagreeing = prev.disagreeing;
  const entries = prev.entries;
  for (let i = 0; i < entries.length; i++) {
    const key = (entries[i] as RequirementEntry).key;
    if (key === undefined || !changedKeys.has(key)) continue;
    const now = lock.agrees(entries[i] as RequirementEntry, lock.tables.firstPosition(key)) ? 1 : 0;
    if (now === agrees[i]) continue;
    agrees[i] = now;
    disagreeing += now ? -1 : 1;
  }
  const state: MatchState = { ...prev, lockEntries: lock.lockEntries, agrees, disagreeing };
  // The maps and flags are shared with the new state, which updateState may change in place.
  prev.lockEntries = [];
  return state;
}

function add(state: MatchState, lock: LockIndex, entry: RequirementEntry, i: number): void {
  const key = entry.key;
  const first = key ? lock.tables.firstPosition(key) : -1;
  if (lock.agrees(entry, first)) state.agrees[i] = 1;
  else state.disagreeing++;
  if (!key) return;
  const n = count(state, first, key, 1);
  if (n === 2) state.repeatedKeys.add(key);
  if (n === 1) setUnrequired(state, lock, first, 0);
}

function remove(
  state: MatchState,
  lock: LockIndex,
  entry: RequirementEntry,
  agreed: number | undefined,
): void {
  if (!agreed) state.disagreeing--;
  const key = entry.key;
  if (!key) return;
  const first = lock.tables.firstPosition(key);
  const n = count(state, first, key, -1);
  if (n === 1) state.repeatedKeys.delete(key);
  if (n === 0) setUnrequired(state, lock, first, 1);
}

/** Adds `by` to the key's count and returns the new count. */
function count(state: MatchState, first: number, key: string, by: 1 | -1): number {
  if (first >= 0) {
    const n = (state.lockKeyCount[first] as number) + by;
    state.lockKeyCount[first] = n;
    return n;
  }
  const n = (state.otherKeyCount.get(key) ?? 0) + by;
  if (n > 0) state.otherKeyCount.set(key, n);
  else state.otherKeyCount.delete(key);
  return n;
}

/** Sets the unrequired flag of every lock entry of a key, from its first position (-1: none). */
function setUnrequired(state: MatchState, lock: LockIndex, first: number, flag: 0 | 1): void {
  const t = lock.tables;
  for (let i = first; i >= 0; i = t.nextPosition(i)) {
    if (state.unrequired[i] === flag) continue;
    state.unrequired[i] = flag;
    state.unrequiredCount += flag ? 1 : -1;
  }
}
