import {
  afterUnnamedBase,
  type ChangeSet,
  DEFAULT_PRODUCTION_BRANCH,
  type GoverningPolicy,
  governingWithoutHead,
  type PolicyDocument,
} from '@slipway/policy-core';
import {
  basesAtCommit,
  loadGoverningPolicy,
  readPolicyFilesAt,
  verifyLabelProvenance,
} from '@slipway/policy-core/node';
import { UserError } from './command.js';
import { gitStep } from './git-step.js';

/**
 * Which policy judges this run (see policy-core's governingPolicy): the base's for a change,
 * the tree's without one, the deploying checkout's for promote's guard. `reread` reads the
 * change again for another production branch: when nothing named the base (no --base, no pull
 * request's base, no push's `before`), the head's `production_branch` chose it, and a change
 * must not pick its own base that way (afterUnnamedBase). Labels
 * are then verified as the governing policy asks (`labels.verify`).
 */
export async function decideGoverning(
  root: string,
  head: PolicyDocument,
  headWhere: string,
  change: ChangeSet | undefined,
  env: Readonly<Record<string, string | undefined>>,
  trusted: PolicyDocument | undefined,
  reread: (productionBranch: string) => Promise<ChangeSet>,
): Promise<{ governing: GoverningPolicy; change?: ChangeSet }> {
  const decide = (c: ChangeSet | undefined) => {
    const decision = gitStep(() =>
      loadGoverningPolicy(root, head, c, {
        headWhere,
        ...(trusted ? { trusted: { document: trusted, where: 'the deploying checkout' } } : {}),
      }),
    );
    if (!decision.ok) throw new UserError(decision.message);
    return decision.policy;
  };
  let governing = decide(change);
  if (change?.baseFromProductionBranch) {
    let next = afterUnnamedBase(head.policy.production_branch, governing, change);
    if (next && 'reread' in next) {
      change = await reread(next.reread);
      governing = decide(change);
      next = afterUnnamedBase(next.reread, governing, change);
    }
    if (next && 'notice' in next) governing = { ...governing, notice: next.notice };
  }
  // The governing policy says whether labels must be shown applied by the right people.
  if (change) change = await verifyLabelProvenance(change, governing.document, env);
  return { governing, ...(change ? { change } : {}) };
}

/**
 * A change whose tree has no policy file (it deletes it): the base's policy governs, read from
 * git, and the change is read against its production branch. Undefined when the base has no
 * policy either; the caller then says to write one.
 */
export async function governWithoutHead(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
  read: (productionBranch: string) => Promise<ChangeSet>,
): Promise<{ governing: GoverningPolicy; change: ChangeSet } | undefined> {
  const decide = (c: ChangeSet) => {
    const texts = c.policyFilesAtBase ?? gitStep(() => readPolicyFilesAt(root, c.base));
    const decision = governingWithoutHead({ sha: c.base, texts }, basesAtCommit(root, c.base));
    if (decision && !decision.ok) throw new UserError(decision.message);
    return decision?.policy;
  };
  let change = await read(DEFAULT_PRODUCTION_BRANCH);
  let governing = decide(change);
  if (!governing) return undefined;
  const next = change.baseFromProductionBranch
    ? afterUnnamedBase(DEFAULT_PRODUCTION_BRANCH, governing, change)
    : undefined;
  if (next && 'reread' in next) {
    change = await read(next.reread);
    governing = decide(change);
    if (!governing) return undefined;
  }
  change = await verifyLabelProvenance(change, governing.document, env);
  return { governing, change };
}
