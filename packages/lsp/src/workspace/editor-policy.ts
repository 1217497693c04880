import {
  afterUnnamedBase,
  type ChangeSet,
  type GoverningDecision,
  governingPolicy,
  type PolicyDocument,
} from '@slipway/policy-core';
import { basesAtCommit, readPolicyFilesAt } from '@slipway/policy-core/node';

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

/** The change the editor shows, the policy files on its base, and the branch it was compared with. */
export interface EditorChange {
  change: ChangeSet;
  baseFiles?: ReadonlyMap<string, string | undefined>;
  /** The production branch the change was read against: the base policy's, not the edited one's. */
  against: string;
  /** The repository: the base's policy `extends:` bases read as of the base commit. */
  root?: string;
}

/**
 * Reads the change against the production branch the policy being edited names; when the base's
 * policy names another one, reads it again against that (afterUnnamedBase, as `slipway check`
 * does): an edit to `production_branch` must not choose what the branch is compared with.
 */
export async function readEditorChange(
  root: string,
  head: PolicyDocument,
  read: (productionBranch: string) => Promise<ChangeSet | undefined>,
  log: (line: string) => void,
): Promise<EditorChange | undefined> {
  let against = head.policy.production_branch;
  let change = await read(against);
  let baseFiles = change && basePolicyFiles(root, change, log);
  if (!change || !baseFiles) return change && { change, against };
  const decided = governingPolicy({
    head,
    base: { sha: change.base, texts: baseFiles },
    extend: basesAtCommit(root, change.base),
  });
  const next =
    decided.ok && change.baseFromProductionBranch
      ? afterUnnamedBase(against, decided.policy, change)
      : undefined;
  if (next && 'reread' in next) {
    against = next.reread;
    change = await read(against);
    baseFiles = change && basePolicyFiles(root, change, log);
  }
  return change && { change, against, root, ...(baseFiles ? { baseFiles } : {}) };
}

/**
 * Which policy judges what the editor shows. On a branch other than the production branch (the
 * one the change was compared with), the base's, as CI will judge the pull request (an edit to the
 * policy there shows its effect as POL004, not as findings that vanish); on the production branch
 * itself, or without a change set, the policy being edited, so that its edits take effect as typed.
 */
export function editorGoverningPolicy(
  head: PolicyDocument,
  reviewed: EditorChange | undefined,
): GoverningDecision {
  const change = reviewed?.change;
  const onBranch = change?.branch !== undefined && change.branch !== reviewed?.against;
  if (!reviewed || !change || !onBranch || !reviewed.baseFiles)
    return governingPolicy({ head, headWhere: 'the editor' });
  return governingPolicy({
    head,
    headWhere: 'the editor',
    base: { sha: change.base, texts: reviewed.baseFiles },
    ...(reviewed.root ? { extend: basesAtCommit(reviewed.root, change.base) } : {}),
  });
}

/** editorGoverningPolicy, made again only when the edited policy or the change is another object. */
export class KeptGoverningPolicy {
  private last:
    | { head: PolicyDocument; reviewed: EditorChange | undefined; decided: GoverningDecision }
    | undefined;

  of(head: PolicyDocument, reviewed: EditorChange | undefined): GoverningDecision {
    if (this.last?.head !== head || this.last.reviewed !== reviewed)
      this.last = { head, reviewed, decided: editorGoverningPolicy(head, reviewed) };
    return this.last.decided;
  }
}
