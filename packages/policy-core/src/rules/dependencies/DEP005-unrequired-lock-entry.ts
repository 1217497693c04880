import type { Finding } from '../../finding.js';
import type { RuleMeta } from '../rule.js';
import { deleteLockEntry } from './facts/lock-edits.js';
import type { LockMatch } from './facts/lock-match.js';
import type { PairFacts } from './facts/pair-facts.js';
import { at } from './facts/where.js';

export const unrequiredLockEntry: RuleMeta = {
  id: 'DEP005',
  family: 'DEP',
  defaultSeverity: 'error',
  title: 'lock entry not in the requirements',
  description:
    'With `mode: mirror` (the default, seed 002) the lock holds exactly the packages the requirements name; an ' +
    'extra entry means a package was removed from the requirements but not from the lock, or was added to the ' +
    'lock by hand. Remove it (the quick fix deletes the entry with its hashes and `# via` lines), or set ' +
    '`mode: superset` when the lock is a full resolution with transitive pins (pip-compile, uv, poetry).',
};

export function checkUnrequiredLockEntries(facts: PairFacts, match: LockMatch): Finding[] {
  if (facts.pair.mode !== 'mirror' || !match.lockReadable) return [];
  const out: Finding[] = [];
  for (const e of match.unrequired) {
    const file = match.lockFile(e);
    if (!file) continue;
    const f: Finding = {
      rule: unrequiredLockEntry.id,
      severity: unrequiredLockEntry.defaultSeverity,
      message: `\`${e.name}\` is in the lock but not in ${facts.pair.requirements}; remove it from the lock, add it to the requirements, or set \`mode: superset\` for a lock with transitive pins.`,
      ...at(file, e.start, e.end),
    };
    const del = facts.lockFormat === 'requirements' ? deleteLockEntry(file, e) : undefined;
    if (del) f.fixes = [{ title: `Remove ${e.name} from the lock`, edits: [del] }];
    out.push(f);
  }
  return out;
}
