import type { ChangeSet } from '@slipway/policy-core';
import { readChangeSet } from '@slipway/policy-core/node';

/**
 * The branch against the production branch, as CI will see it; undefined when git cannot say
 * (an empty repository, a detached head without the production branch): the tree is checked.
 * Labels are unknown in the editor: label-gated rules then warn instead of erroring.
 */
export async function readChangeUnderReview(
  root: string,
  productionBranch: string,
  log: (line: string) => void,
): Promise<ChangeSet | undefined> {
  try {
    const change = await readChangeSet({ repo: root, productionBranch, env: {} });
    log(`change set: ${change.branch ?? 'HEAD'} vs ${productionBranch}, ${change.files.length} file(s)`);
    return change;
  } catch (err) {
    log(`no change set (${(err as Error).message}); checking the tree as it is`);
    return undefined;
  }
}
