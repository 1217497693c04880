import type { LockEntry } from '../../../requirements/lock-file.js';
import type { RequirementEntry } from '../../../requirements/requirements-file.js';
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
  /** How many entries name each key. */
  keyCount: Map<string, number>;
  /** Keys named by more than one entry. */
  repeatedKeys: Set<string>;
  /** 1 where `lockEntries[i]`'s key is named by no entry. */
  unrequired: Uint8Array;
  unrequiredCount: number;
}

export interface LockIndex {
  lockEntries: LockEntry[];
  /** Positions in `lockEntries` by key. */
  tables: LockTables;
  agrees(entry: RequirementEntry): boolean;
}

export function buildState(entries: RequirementEntry[], lock: LockIndex): MatchState {
  const state: MatchState = {
    lockEntries: lock.lockEntries,
    entries,
    agrees: new Uint8Array(entries.length),
    disagreeing: 0,
    keyCount: new Map(),
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

function add(state: MatchState, lock: LockIndex, entry: RequirementEntry, i: number): void {
  if (lock.agrees(entry)) state.agrees[i] = 1;
  else state.disagreeing++;
  const key = entry.key;
  if (!key) return;
  const n = (state.keyCount.get(key) ?? 0) + 1;
  state.keyCount.set(key, n);
  if (n === 2) state.repeatedKeys.add(key);
  if (n === 1) setUnrequired(state, lock, key, 0);
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
  const n = (state.keyCount.get(key) ?? 0) - 1;
  if (n > 0) state.keyCount.set(key, n);
  else state.keyCount.delete(key);
  if (n === 1) state.repeatedKeys.delete(key);
  if (n === 0) setUnrequired(state, lock, key, 1);
}

function setUnrequired(state: MatchState, lock: LockIndex, key: string, flag: 0 | 1): void {
  const t = lock.tables;
  for (let i = t.firstPosition(key); i >= 0; i = t.nextPosition(i)) {
    if (state.unrequired[i] === flag) continue;
    state.unrequired[i] = flag;
    state.unrequiredCount += flag ? 1 : -1;
  }
}
