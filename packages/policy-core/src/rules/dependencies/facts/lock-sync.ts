import { applyFixes } from '../../../fixes.js';
import type { TextEdit } from '../../../finding.js';
import { sameVersion } from '../../../requirements/pep440-version.js';
import { pinOf } from '../../../requirements/pin.js';
import type { CheckContext } from '../../../rule.js';
import { extrasDiffer, markersDiffer } from './lock-agreement.js';
import {
  deleteLockEntry,
  insertLockLine,
  lockLineFor,
  replaceLockRequirement,
  replaceLockRequirementDroppingHashes,
  withExtrasAndMarker,
} from './lock-edits.js';
import { LockMatch } from './lock-match.js';
import { npmRelock } from './npm-findings.js';
import { freshMirrorLock } from './fresh-mirror-lock.js';
import { dependencyPairs, loadPair } from './pair-facts.js';

/** What `slipway deps lock` would write for one pair, and why it cannot when it cannot. */
export interface LockSyncPlan {
  requirements: string;
  lock: string;
  /** Current lock text; undefined when the lock does not exist yet. */
  before?: string;
  /** New lock text; undefined when `problems` prevent writing. */
  after?: string;
  added: string[];
  updated: string[];
  removed: string[];
  /** Things a person should know (hashes dropped for changed entries, …). */
  notes: string[];
  /** Reasons the lock cannot be generated (unpinned requirements, unreadable files, TOML locks). */
  problems: string[];
}

/**
 * Plans a mirror lock for each configured pair: the existing lock edited in place, so unchanged
 * entries keep their hashes, `# via` comments, header and order; new entries go in sorted
 * position (or at the end of an unsorted lock); with `mode: mirror` entries the requirements no
 * longer name are removed.
 */
export function planLockSync(
  ctx: CheckContext,
  only?: { requirements: string; lock: string },
): LockSyncPlan[] {
  const pairs = dependencyPairs(ctx).filter(
    ({ pair }) => !only || (pair.requirements === only.requirements && pair.lock === only.lock),
  );
  return pairs.map(({ pair, path }) => {
    const facts = loadPair(ctx, pair, path);
    const plan: LockSyncPlan = {
      requirements: pair.requirements,
      lock: pair.lock,
      added: [],
      updated: [],
      removed: [],
      notes: [],
      problems: [],
    };
    if (facts.lockFormat !== 'requirements') {
      plan.problems.push(
        `${pair.lock} is a ${facts.lockFormat} lock; regenerate it with ${facts.npm ? npmRelock(facts) : `\`${facts.lockFormat} lock\``}.`,
      );
      return plan;
    }
    for (const p of facts.problems) plan.problems.push(p.message);
    for (const f of facts.requirementFiles)
      for (const p of f.parsed.problems)
        plan.problems.push(`${f.path} line ${p.line.firstLine + 1}: ${p.message}`);
    for (const { file, entry } of facts.requirements)
      if (!pinOf(entry) && entry.kind === 'pep508')
        plan.problems.push(
          `${file.path} line ${entry.line.firstLine + 1}: \`${entry.name}\` is not pinned with \`==\`; pin it first.`,
        );
    if (facts.lockState === 'directory') plan.problems.push(`${pair.lock} is a directory.`);
    if (plan.problems.length > 0) return plan;

    const lock = facts.lockFiles[0];
    if (facts.lockState === 'missing' || !lock) {
      plan.after = freshMirrorLock(facts) ?? '';
      plan.added = facts.requirements.map((r) => r.entry.name ?? r.entry.source);
      return plan;
    }
    plan.before = lock.text;
    const match = new LockMatch(facts);
    const edits: TextEdit[] = [];
    const missing = facts.requirements.filter((r) => r.entry.key && !match.byKey.has(r.entry.key));
    missing.sort((a, b) => ((a.entry.key as string) < (b.entry.key as string) ? -1 : 1));
    const hashedLock = !match.lockUnhashed;
    for (const { entry } of missing) {
      edits.push(insertLockLine(lock, entry.key as string, lockLineFor(entry)));
      plan.added.push(entry.name as string);
      if (hashedLock)
        plan.notes.push(
          `${entry.name} was added without hashes; regenerate hashes (pip-compile --generate-hashes).`,
        );
    }
    for (const { entry } of facts.requirements) {
      const e = match.entryFor(entry);
      if (!e?.req || e.file !== lock.path) continue;
      const pin = pinOf(entry);
      const versionDiffers = pin
        ? e.version === undefined || !sameVersion(pin.version, e.version)
        : entry.url !== e.url;
      const shapeDiffers = extrasDiffer(entry, e, pair.mode) || markersDiffer(entry, e);
      let edit: TextEdit | undefined;
      if (versionDiffers && e.hashed) {
        edit = replaceLockRequirementDroppingHashes(lock, e, lockLineFor(entry));
        plan.notes.push(`${entry.name} changed version, so its old hashes were dropped; regenerate hashes.`);
      } else if (versionDiffers) edit = replaceLockRequirement(lock, e, lockLineFor(entry));
      else if (shapeDiffers) {
        const text = withExtrasAndMarker(lock, e, entry);
        if (text !== undefined) edit = replaceLockRequirement(lock, e, text);
      }
      if (edit) {
        edits.push(edit);
        plan.updated.push(entry.name as string);
      }
    }
    if (pair.mode === 'mirror')
      for (const e of facts.lockEntries) {
        if (match.requiredKeys.has(e.key) || e.file !== lock.path) continue;
        const del = deleteLockEntry(lock, e);
        if (del) {
          edits.push(del);
          plan.removed.push(e.name);
        }
      }
    plan.after = applyFixes(lock.text, edits);
    return plan;
  });
}
