import type { Finding } from '../../finding.js';
import type { RuleFamily } from '../rule.js';
import { checkLabel, dependencyChangeWithoutLabel } from './DEP006-dependency-change-without-label.js';
import { checkDuplicates, duplicatePackage } from './DEP007-duplicate-package.js';
import { checkExtrasAndMarkers, extrasOrMarkersDiffer } from './DEP011-extras-or-markers-differ.js';
import { checkHashes, inconsistentHashes } from './DEP009-inconsistent-hashes.js';
import { checkInvalidLines, invalidLine } from './DEP008-invalid-line.js';
import { LockMatch } from './facts/lock-match.js';
import { checkMissingIncludes, missingInclude } from './DEP010-missing-include.js';
import { checkMissingLock, missingLock } from './DEP002-missing-lock.js';
import { dependencyPairs, loadPair } from './facts/pair-facts.js';
import { checkMissingFromLock, requirementMissingFromLock } from './DEP003-requirement-missing-from-lock.js';
import { checkUnpinned, unpinnedRequirement } from './DEP001-unpinned-requirement.js';
import { checkUnrequiredLockEntries, unrequiredLockEntry } from './DEP005-unrequired-lock-entry.js';
import { checkVersionMismatch, versionMismatch } from './DEP004-version-mismatch.js';

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
