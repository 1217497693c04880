import type { LockEntry } from '../../requirements/lock-file.js';
import type { RequirementEntry } from '../../requirements/requirements-file.js';
import type { PairFacts } from './pair-facts.js';

/** Lock entries by normalised name, and the one a requirement corresponds to. */
const byKeyMemo = new WeakMap<LockEntry[], Map<string, LockEntry[]>>();

function indexByKey(entries: LockEntry[]): Map<string, LockEntry[]> {
  let map = byKeyMemo.get(entries);
  if (!map) {
    map = new Map();
    for (const e of entries) {
      const list = map.get(e.key);
      if (list) list.push(e);
      else map.set(e.key, [e]);
    }
    byKeyMemo.set(entries, map);
  }
  return map;
}

export class LockMatch {
  readonly byKey: Map<string, LockEntry[]>;
  readonly requiredKeys = new Set<string>();
  private unhashed: boolean | undefined;
  constructor(readonly facts: PairFacts) {
    this.byKey = indexByKey(facts.lockEntries);
    for (const r of facts.requirements) if (r.entry.key) this.requiredKeys.add(r.entry.key);
    // A requirement line pip rejects (DEP008) still names its package: its lock entry is not
    // reported again as unrequired.
    for (const f of facts.requirementFiles)
      for (const p of f.parsed.problems) if (p.key) this.requiredKeys.add(p.key);
  }

  get lockReadable(): boolean {
    return this.facts.lockState === 'ok';
  }

  /** The lock entry for a requirement: the only one, or the one with the same marker. */
  entryFor(req: RequirementEntry): LockEntry | undefined {
    if (!req.key) return undefined;
    const list = this.byKey.get(req.key);
    if (!list || list.length === 0) return undefined;
    if (list.length === 1) return list[0];
    return list.find((e) => e.markerText === req.markerText) ?? list[0];
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
    this.unhashed ??= this.facts.lockEntries.every((e) => !e.hashed);
    return this.unhashed;
  }
}
