import type { ChangeSet } from '../change-set.js';
import type { PolicyDocument } from '../policy/document.js';
import { type GoverningDecision, governingPolicy } from '../policy/governing-policy.js';
import { POLICY_FILES } from '../policy/policy-files.js';
import { basesAtCommit } from './extends/read-base.js';
import { readBlobsAt } from './git/base-reader.js';

/**
 * The policy files as they are at `commit`, from one `git cat-file --batch` (no checkout):
 * each of POLICY_FILES to its text, undefined where the commit has none.
 */
export function readPolicyFilesAt(root: string, commit: string): Map<string, string | undefined> {
  return readBlobsAt(root, commit, POLICY_FILES);
}

/**
 * `governingPolicy` for a change read from git: the policy on the change's base (the merge base)
 * governs; without a change, the head's (the tree's) does; `trusted` overrides both. The base's
 * policy files come from readChangeSet, which read them beside the diff, or else from one cat-file.
 */
export function loadGoverningPolicy(
  root: string,
  head: PolicyDocument,
  change: Pick<ChangeSet, 'base' | 'policyFilesAtBase'> | undefined,
  options: { headWhere?: string; trusted?: { document: PolicyDocument; where: string } } = {},
): GoverningDecision {
  return governingPolicy({
    head,
    ...(options.headWhere ? { headWhere: options.headWhere } : {}),
    ...(options.trusted ? { trusted: options.trusted } : {}),
    // The base's policy extends what the base holds: a base file of the repository as of that commit.
    ...(change ? { extend: basesAtCommit(root, change.base) } : {}),
    ...(change && !options.trusted
      ? {
          base: { sha: change.base, texts: change.policyFilesAtBase ?? readPolicyFilesAt(root, change.base) },
        }
      : {}),
  });
}
