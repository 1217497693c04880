import type { LockEntry } from '../../../requirements/lock-file.js';
import type { RequirementEntry } from '../../../requirements/requirements-file.js';
import type { DepFile } from '../../../requirements/dep-file.js';
import { agreesWithLock } from './lock-agreement.js';
import type { LockRevision } from '../../../requirements/lock-entries.js';
import { LockTables } from '../../../requirements/lock-tables.js';
import { keyCount, updateState } from '../../../requirements/match-state.js';
import type { Located, PairFacts } from './pair-facts.js';

/** Per entry list (once per lock text): the lock's own index, see lock-tables.ts. */
const tablesMemo = new WeakMap<LockEntry[], LockTables>();

function tablesOf(entries: LockEntry[], revision: LockRevision | undefined): LockTables {
  let t = tablesMemo.get(entries);
  if (!t) {
    // Every key where it was: the previous list's key index serves this one.
    t = new LockTables(entries, revision && tablesMemo.get(revision.previous));
    tablesMemo.set(entries, t);
  }
  return t;
}

/**
 * Lock entries by normalised name, the one a requirement corresponds to, and the short lists
 * the rules walk instead of every requirement: a re-check after a one-line edit then looks at
 * that line, not at the 5,000 that still agree with the lock.
 *
 * The lists are taken when the match is made; `requiredKeys` reads the pair's live state and
 * holds until the same pair is checked again.
 */
export class LockMatch {
  /** Lock entries by key (`has`, `get`). */
  readonly byKey: LockTables;
  /** Keys the requirements name, including lines pip rejects that still name their package. */
  readonly requiredKeys: { has(key: string): boolean };
  /** Requirements that may draw DEP001, DEP003, DEP004 or DEP011; the others agree with their lock entry. */
  readonly candidates: Located<RequirementEntry>[] = [];
  /** Requirements whose key another requirement names too (DEP007), in order. */
  readonly repeated: Located<RequirementEntry>[] = [];
  /** Lock entries whose package no requirement names (DEP005), in lock order. */
  readonly unrequired: LockEntry[] = [];
  private readonly tables: LockTables;

  constructor(readonly facts: PairFacts) {
    const revision = facts.caches.lockRevisions.get(facts.lockEntries);
    this.tables = tablesOf(facts.lockEntries, revision);
    this.byKey = this.tables;
    const files = facts.requirementFiles;
    const entries =
      files.length === 1
        ? (files[0] as DepFile).parsed.requirements
        : files.flatMap((f) => f.parsed.requirements);
    const id = `${facts.pair.mode}\u0000${facts.pair.requirements}\u0000${facts.pair.lock}`;
    const states = facts.caches.matchStates;
    const state = updateState(states.get(id), entries, {
      lockEntries: facts.lockEntries,
      ...(revision ? { revision } : {}),
      tables: this.tables,
      agrees: (e, first) => agreesWithLock(e, this.tables.entryAt(first, e.markerText), facts.pair.mode),
    });
    facts.caches.rememberMatch(id, state);

    // A requirement line pip rejects (DEP008) still names its package: its lock entry is not
    // reported again as unrequired.
    const problemKeys = new Set<string>();
    for (const f of files) for (const p of f.parsed.problems) if (p.key) problemKeys.add(p.key);
    const tables = this.tables;
    this.requiredKeys = { has: (key) => keyCount(state, tables, key) > 0 || problemKeys.has(key) };

    // The flags, not the entries, are scanned: touching 5,000 entry objects costs more than the check.
    const locate = (i: number): Located<RequirementEntry> => {
      let f = 0;
      let base = 0;
      while (f < files.length - 1 && i >= base + (files[f] as DepFile).parsed.requirements.length)
        base += (files[f++] as DepFile).parsed.requirements.length;
      return { file: files[f] as DepFile, entry: entries[i] as RequirementEntry };
    };
    if (state.disagreeing > 0)
      for (let i = 0; i < state.agrees.length; i++)
        if (state.agrees[i] === 0) this.candidates.push(locate(i));
    if (state.repeatedKeys.size > 0)
      for (let i = 0; i < entries.length; i++) {
        const key = (entries[i] as RequirementEntry).key;
        if (key && state.repeatedKeys.has(key)) this.repeated.push(locate(i));
      }
    if (state.unrequiredCount > 0)
      for (let i = 0; i < state.unrequired.length; i++) {
        const e = facts.lockEntries[i] as LockEntry;
        if (state.unrequired[i] === 1 && !problemKeys.has(e.key)) this.unrequired.push(e);
      }
  }

  get lockReadable(): boolean {
    return this.facts.lockState === 'ok';
  }

  /** Lock entries that are not exact pins. */
  get unpinnedLockEntries(): LockEntry[] {
    return this.tables.unpinned;
  }

  /** The lock entry for a requirement: the only one, or the one with the same marker. */
  entryFor(req: RequirementEntry): LockEntry | undefined {
    return req.key ? this.tables.entryFor(req.key, req.markerText) : undefined;
  }

  /** The lock file (requirements-style) an entry lives in. */
  lockFile(entry: LockEntry) {
    const toml = this.facts.tomlLock;
    return (
      this.facts.lockFiles.find((f) => f.path === entry.file) ??
      (toml?.path === entry.file ? toml : undefined)
    );
  }

  /** True when no lock entry carries hashes: a line added without hashes keeps the lock consistent. */
  get lockUnhashed(): boolean {
    return this.tables.unhashed;
  }

  /** Keys the lock lists more than once (DEP007 on the lock). */
  get repeatedLockKeys(): ReadonlySet<string> {
    return this.tables.repeatedKeys;
  }
}
