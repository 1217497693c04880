import {
  type ChangeSet,
  type GoverningDecision,
  governingPolicy,
  type PolicyDocument,
} from '@slipway/policy-core';
import { readPolicyFilesAt } from '@slipway/policy-core/node';

/** The policy files at the change's merge base (read with the change set); undefined when git cannot say. */
export function basePolicyFiles(
  root: string,
  change: ChangeSet,
  log: (line: string) => void,
): Map<string, string | undefined> | undefined {
  try {
    return new Map(change.policyFilesAtBase ?? readPolicyFilesAt(root, change.base));
  } catch (err) {
    log(`cannot read the base's policy (${(err as Error).message}); checking with the working tree's`);
    return undefined;
  }
}

/**
 * Which policy judges what the editor shows. On a branch other than the production branch, the
 * base's, as CI will judge the pull request (an edit to the policy there shows its effect as
 * POL004, not as findings that vanish); on the production branch itself, or without a change
 * set, the policy being edited, so that its edits take effect as they are typed.
 */
export function editorGoverningPolicy(
  head: PolicyDocument,
  change: ChangeSet | undefined,
  baseFiles: ReadonlyMap<string, string | undefined> | undefined,
): GoverningDecision {
  const onBranch = change?.branch !== undefined && change.branch !== head.policy.production_branch;
  if (!change || !onBranch || !baseFiles) return governingPolicy({ head, headWhere: 'the editor' });
  return governingPolicy({ head, headWhere: 'the editor', base: { sha: change.base, texts: baseFiles } });
}
