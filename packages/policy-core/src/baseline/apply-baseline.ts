import { type ChangeSet, touchedPaths } from '../change-set.js';
import type { BaselineScope } from '../check-scope.js';
import type { Finding } from '../finding.js';
import type { PolicyDocument } from '../policy/document.js';
import type { RepoView } from '../repo.js';
import { parseBaseline } from './baseline-file.js';
import { baselineFileOf } from '../policy/baseline-location.js';
import { POLICY_FILES } from '../policy/policy-files.js';
import { matchBaseline } from './match-baseline.js';
import type { Sha256 } from './fingerprint.js';

export interface AppliedBaseline {
  findings: Finding[];
  /** The baseline file, when one was there to read (a file the check read). */
  read?: string;
  scope?: BaselineScope;
  /** One line when the baseline could not be read as one: the host fails the run with it. */
  problem?: string;
  notes: string[];
}

/**
 * The engine's step after suppressions and severities: the findings the baseline does not hold.
 * For a change the baseline is read as it is on the base, never from the head the change wrote:
 * a change cannot accept its own findings (that it grows the file is PATH004's). Except the change
 * that adopts Slipway (its base has no policy file): the head's policy governs it, there is no base
 * policy to get around, and its baseline is read with it, so the pull request that brings the
 * policy in does not fail on the findings the baseline it brings accepts. Promote's guard,
 * judging another commit's tree, reads the deploying checkout's, as it does the policy. Without a
 * baseline file the findings pass as they are; with a bad one they all pass and `problem` says why.
 */
/** A change whose base has no policy file: the change that adopts Slipway (governing-policy.ts). */
function firstAdoption(change: ChangeSet): boolean {
  return POLICY_FILES.every((f) => change.readBase?.(f) === undefined);
}

export function applyBaseline(input: {
  policy: PolicyDocument;
  repo: RepoView;
  change?: ChangeSet;
  /** The deploying checkout's baseline text (null: none), read in place of the tree's. */
  checkoutText?: string | null;
  findings: Finding[];
  sha256: Sha256;
  judged: (rule: string) => boolean;
}): AppliedBaseline {
  const { change, findings } = input;
  // A change judges the files it touches: an entry elsewhere is not stale for matching nothing.
  const touched = change ? new Set(touchedPaths(change)) : undefined;
  const file = baselineFileOf(input.policy);
  if (change && !change.readBase)
    return {
      findings,
      notes: [`the baseline was not applied: ${file} cannot be read as it is on the base here`],
    };
  const from = !change
    ? input.checkoutText !== undefined
      ? 'checkout'
      : 'tree'
    : firstAdoption(change)
      ? 'head'
      : 'base';
  const text =
    from === 'base'
      ? change?.readBase?.(file)
      : from === 'checkout'
        ? (input.checkoutText ?? undefined)
        : input.repo.readFile(file);
  if (text === undefined) return { findings, notes: [] };
  const read = parseBaseline(text, file);
  if (!read.ok) return { findings, read: file, problem: read.problem, notes: [] };
  const m = matchBaseline(findings, (f) => input.repo.readFile(f), read.baseline, {
    sha256: input.sha256,
    never: new Set([file]),
    judged: (e) => input.judged(e.rule) && (!touched || touched.has(e.file)),
  });
  const first = m.stale[0];
  const notes = first
    ? [
        `${m.stale.length} baseline entr${m.stale.length === 1 ? 'y matches' : 'ies match'} no finding now (fixed, or the flagged lines changed; first: ${first.rule} in ${first.file}): \`slipway baseline\` drops them`,
      ]
    : [];
  return {
    findings: m.newFindings,
    read: file,
    scope: { file, from, findings: m.baselined, stale: m.stale.length },
    notes,
  };
}
