import type { Finding } from '../../finding.js';
import type { RuleFamily } from '../rule.js';
import { checkLabel, dependencyChangeWithoutLabel } from './dependency-change-without-label.js';
import { checkDuplicates, duplicatePackage } from './duplicate-package.js';
import { checkExtrasAndMarkers, extrasOrMarkersDiffer } from './extras-or-markers-differ.js';
import { checkHashes, inconsistentHashes } from './inconsistent-hashes.js';
import { checkInvalidLines, invalidLine } from './invalid-line.js';
import { LockMatch } from './lock-match.js';
import { checkMissingIncludes, missingInclude } from './missing-include.js';
import { checkMissingLock, missingLock } from './missing-lock.js';
import { dependencyPairs, loadPair } from './pair-facts.js';
import { checkMissingFromLock, requirementMissingFromLock } from './requirement-missing-from-lock.js';
import { checkUnpinned, unpinnedRequirement } from './unpinned-requirement.js';
import { checkUnrequiredLockEntries, unrequiredLockEntry } from './unrequired-lock-entry.js';
import { checkVersionMismatch, versionMismatch } from './version-mismatch.js';

/**
 * The DEP family (seed 002): every requirement pinned with `==`, the lock mirroring the
 * requirements, and a label on any change to either. Each configured requirements/lock pair is
 * checked on its own; a file shared by two pairs reports a problem once.
 */
export const dependencyFamily: RuleFamily = {
  id: 'DEP',
  rules: [
    unpinnedRequirement,
    missingLock,
    requirementMissingFromLock,
    versionMismatch,
    unrequiredLockEntry,
    dependencyChangeWithoutLabel,
    duplicatePackage,
    invalidLine,
    inconsistentHashes,
    missingInclude,
    extrasOrMarkersDiffer,
  ],
  check(ctx) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const read = new Set<string>();
    for (const { pair, path } of dependencyPairs(ctx)) {
      const facts = loadPair(ctx, pair, path);
      const match = new LockMatch(facts);
      for (const p of facts.read) read.add(p);
      const all = [
        ...checkInvalidLines(ctx, facts),
        ...checkMissingIncludes(ctx, facts),
        ...checkUnpinned(facts, match),
        ...checkMissingLock(ctx, facts),
        ...checkMissingFromLock(facts, match),
        ...checkVersionMismatch(facts, match),
        ...checkUnrequiredLockEntries(facts, match),
        ...checkDuplicates(facts, match),
        ...checkHashes(facts, match),
        ...checkExtrasAndMarkers(facts, match),
        ...checkLabel(ctx, facts),
      ];
      for (const f of all) {
        const key = `${f.rule}\u0000${f.file}\u0000${f.range.start.line}:${f.range.start.character}\u0000${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(f);
      }
    }
    return { findings, filesChecked: [...read] };
  },
};
