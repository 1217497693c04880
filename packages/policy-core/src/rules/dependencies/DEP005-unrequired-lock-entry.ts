import type { Finding } from '../../finding.js';
import type { Rule } from '../../rule.js';
import { deleteLockEntry } from './facts/lock-edits.js';
import type { LockMatch } from './facts/lock-match.js';
import type { PairFacts } from './facts/pair-facts.js';
import { at } from './facts/where.js';
import { npmUnrequired } from './facts/npm-findings.js';
import type { PairRun } from './facts/pair-run.js';
import { IDNA_HASHED, lockExample, REQUESTS_HASHED } from './facts/examples.js';
import { depSuppressDocs } from '../suppress-docs.js';

/** The docs examples' lock: pip-compile's, with idna pinned because requests needs it. */
const COMPILED_LOCK = `${IDNA_HASHED}    # via requests\n${REQUESTS_HASHED}    # via -r requirements.txt\n`;

export const unrequiredLockEntry: Rule<PairRun> = {
  id: 'DEP005',
  name: 'unrequired-lock-entry',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'lock entry not in the requirements',
  docs: {
    what:
      'With `mode: mirror` (the default) the lock holds exactly the packages the requirements name; ' +
      'this lock entry names a package the requirements do not.',
    why:
      'A package was removed from the requirements but not from the lock, or was added to the lock by ' +
      'hand, so the lock installs something nobody asked for.',
    fix:
      'Remove it (the quick fix deletes the entry with its hashes and `# via` lines), or set `mode: ' +
      'superset` when the lock is a full resolution with transitive pins (pip-compile, uv, poetry).',
    suppress: depSuppressDocs('DEP005'),
    examples: [
      lockExample('flagged', COMPILED_LOCK, { 'backend/requirements.txt': 'requests==2.31.0\n' }),
      lockExample('fine', COMPILED_LOCK, {
        'backend/requirements.txt': 'requests==2.31.0\n',
        'slipway.yaml':
          'version: 1\n' +
          'dependencies:\n' +
          '  requirements: backend/requirements.txt\n' +
          '  lock: backend/requirements.lock\n' +
          '  # a pip-compile lock: transitive pins such as idna belong in it\n' +
          '  mode: superset\n',
      }),
    ],
  },
  check: ({ pair, match }) =>
    pair.npm ? npmUnrequired(pair, unrequiredLockEntry) : checkUnrequiredLockEntries(pair, match),
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
