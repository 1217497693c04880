import type { Finding } from '../../finding.js';
import { isDeclared } from '../../requirements/declared-requirement.js';
import { pinOf } from '../../requirements/pin.js';
import type { Rule } from '../../rule.js';
import { insertLockLine, lockLineFor } from './facts/lock-edits.js';
import { lockMustPin } from './facts/lock-expects.js';
import type { LockMatch } from './facts/lock-match.js';
import type { PairFacts } from './facts/pair-facts.js';
import { at } from './facts/where.js';
import { npmMissingFromLock, npmRelock } from './facts/npm-findings.js';
import type { PairRun } from './facts/pair-run.js';
import { depSuppressDocs } from '../suppress-docs.js';

export const requirementMissingFromLock: Rule<PairRun> = {
  id: 'DEP003',
  name: 'requirement-missing-from-lock',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'requirement missing from the lock',
  docs: {
    what:
      'A package the requirements name (after PEP 503 normalisation: `Foo_Bar` and `foo-bar` are one ' +
      'package) has no entry in the lock, so the lock does not describe what gets installed.',
    why:
      'A lock that misses a package does not describe what gets installed, so a deployment cannot be ' +
      'reproduced from it.',
    fix:
      "Regenerate the lock with the pair's own tool in the same change (`npm install`, `pnpm install`, " +
      '`yarn install`, `bun install`; `uv lock`, `poetry lock`, pip-compile or `slipway deps lock`). For a ' +
      'requirements-style lock without hashes, the quick fix adds the pinned line, in sorted position when the lock is sorted.',
    suppress: depSuppressDocs('DEP003'),
    examples: [
      {
        verdict: 'flagged',
        file: 'backend/requirements.txt',
        text: 'fastapi==0.110.0\n' + 'httpx==0.26.0\n' + 'requests==2.31.0\n',
        beside: {
          'backend/requirements.lock': 'fastapi==0.110.0\n' + 'requests==2.31.0\n',
        },
      },
      {
        verdict: 'fine',
        file: 'backend/requirements.txt',
        text: 'HTTPX==0.26.0\n' + 'zope.interface==6.1\n',
        beside: {
          'backend/requirements.lock': 'httpx==0.26.0\n' + 'zope-interface==6.1\n',
        },
      },
    ],
  },
  check: ({ pair, match }) =>
    pair.npm ? npmMissingFromLock(pair, requirementMissingFromLock) : checkMissingFromLock(pair, match),
};

/** What regenerates the pair's lock. */
export function relockCommand(facts: PairFacts): string {
  if (facts.npm) return npmRelock(facts);
  return facts.lockFormat === 'requirements' ? '`slipway deps lock`' : `\`${facts.lockFormat} lock\``;
}

export function checkMissingFromLock(facts: PairFacts, match: LockMatch): Finding[] {
  if (!match.lockReadable) return [];
  const out: Finding[] = [];
  const lockFile = facts.lockFiles[0];
  // A requirement that agrees with its lock entry has one: only the others can be missing.
  for (const { file, entry } of match.candidates) {
    if (!entry.key || match.byKey.has(entry.key) || !lockMustPin(facts, entry)) continue;
    const declared = isDeclared(entry) ? ` (${entry.section})` : '';
    const f: Finding = {
      rule: requirementMissingFromLock.id,
      severity: requirementMissingFromLock.defaultSeverity,
      message: `\`${entry.name}\`${declared} is not in the lock ${facts.pair.lock}; regenerate the lock (${relockCommand(facts)}) in this change.`,
      ...at(file, entry.nameStart, entry.nameEnd),
    };
    if (lockFile && facts.lockFormat === 'requirements') {
      f.related = [{ ...at(lockFile, 0, 0), message: 'the lock that should list it' }];
      if (pinOf(entry) && match.lockUnhashed)
        f.fixes = [
          {
            title: `Add ${lockLineFor(entry)} to ${lockFile.path}`,
            edits: [insertLockLine(lockFile, entry.key, lockLineFor(entry))],
          },
        ];
    }
    out.push(f);
  }
  return out;
}
