import type { LockEntry } from './lock-file.js';

/**
 * A lock's entries indexed by normalised name. One map from a key to its first position and a
 * typed array chaining each position to the next one with the same key: a 300,000-entry lock
 * then costs one map insertion per entry and no per-key arrays, where a map of lists cost two
 * maps, two arrays per key and most of the check's garbage collection.
 */
export class LockTables {
  private readonly first: Map<string, number>;
  private readonly next: Int32Array;
  /** Entries that are not exact pins (DEP001 on the lock side), in lock order. */
  readonly unpinned: LockEntry[] = [];
  /** True when no entry carries hashes. */
  readonly unhashed: boolean;
  /** Keys the lock lists more than once; DEP007 on the lock looks only at their entries. */
  readonly repeatedKeys: Set<string>;

  /**
   * `keysOf`: tables of an entry list with the same key at every position (see
   * lock-entries.ts), whose key index is shared rather than built again.
   */
  constructor(
    readonly entries: LockEntry[],
    keysOf?: LockTables,
  ) {
    if (keysOf && keysOf.entries.length === entries.length) {
      this.first = keysOf.first;
      this.next = keysOf.next;
      this.repeatedKeys = keysOf.repeatedKeys;
    } else {
      const n = entries.length;
      this.first = new Map();
      this.next = new Int32Array(n);
      this.repeatedKeys = new Set();
      // Backwards, so that each chain comes out in lock order with one lookup per entry.
      for (let i = n - 1; i >= 0; i--) {
        const key = (entries[i] as LockEntry).key;
        const later = this.first.get(key);
        this.next[i] = later ?? -1;
        if (later !== undefined) this.repeatedKeys.add(key);
        this.first.set(key, i);
      }
    }
    let unhashed = true;
    for (const e of entries) {
      const req = e.req;
      if (req && e.version === undefined && req.kind === 'pep508' && !req.editable) this.unpinned.push(e);
      if (unhashed && e.hashed) unhashed = false;
    }
    this.unhashed = unhashed;
  }

  /** The position of the first entry with `key`, or -1. */
  firstPosition(key: string): number {
    return this.first.get(key) ?? -1;
  }

  /** The position of the next entry with the same key as the one at `i`, or -1. */
  nextPosition(i: number): number {
    return this.next[i] as number;
  }

  has(key: string): boolean {
    return this.first.has(key);
  }

  /** The entries with `key`, in lock order; undefined when the lock has none. */
  get(key: string): LockEntry[] | undefined {
    let i = this.firstPosition(key);
    if (i < 0) return undefined;
    const out: LockEntry[] = [];
    for (; i >= 0; i = this.next[i] as number) out.push(this.entries[i] as LockEntry);
    return out;
  }

  /** The entry for a requirement: the only one with its key, or the one with the same marker. */
  entryFor(key: string, markerText: string | undefined): LockEntry | undefined {
    return this.entryAt(this.firstPosition(key), markerText);
  }

  /** entryFor, given the key's first position (-1: none), for a caller that already looked it up. */
  entryAt(i: number, markerText: string | undefined): LockEntry | undefined {
    if (i < 0) return undefined;
    const firstEntry = this.entries[i] as LockEntry;
    if ((this.next[i] as number) < 0) return firstEntry;
    // More than one: the first whose marker is the requirement's, else the first.
    for (let k = i; k >= 0; k = this.next[k] as number) {
      const e = this.entries[k] as LockEntry;
      if (e.markerText === markerText) return e;
    }
    return firstEntry;
  }
}
