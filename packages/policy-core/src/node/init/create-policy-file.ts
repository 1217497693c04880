import { writeRepoFile } from '../confined-write.js';
import { planPolicyFile } from './plan-policy-file.js';
import { type StarterTestsResult, writeStarterTests } from './starter-tests.js';

export interface CreatePolicyOptions {
  /** Replace an existing slipway.yaml. */
  force?: boolean;
  /** Default: origin's default branch, else main or master, else the branch checked out. */
  productionBranch?: string;
}

export type CreatePolicyResult =
  | {
      created: true;
      root: string;
      path: string;
      decisions: string[];
      /** The starter test cases written beside it, or why not (policy-tests). */
      tests: StarterTestsResult;
    }
  /** Nothing was written: a policy file is already there (and `force` was not given), or no git repository. */
  | {
      created: false;
      root: string;
      path: string;
      code: 'policy-exists' | 'not-a-repository';
      reason: string;
    };

/**
 * Writes slipway.yaml for the repository containing `dir` from what it holds (the editor's
 * "Create Policy File"; `slipway init` uses the same plan), and starter test cases beside it
 * when there are none. Never overwrites a policy unless asked, nor test cases at all.
 */
export async function createPolicyFile(
  dir: string,
  options: CreatePolicyOptions = {},
): Promise<CreatePolicyResult> {
  const plan = await planPolicyFile(dir, { productionBranch: options.productionBranch });
  if (!plan.ok)
    return { created: false, root: plan.root, path: 'slipway.yaml', code: plan.code, reason: plan.reason };
  const { root, existing } = plan;
  if (existing && !options.force)
    return {
      created: false,
      root,
      path: existing.path,
      code: 'policy-exists',
      reason: `${existing.path} already exists in ${root}`,
    };
  // slipway.yaml would win over a .yml or .toml policy left beside it: never shadow one.
  if (existing && existing.path !== plan.path)
    return {
      created: false,
      root,
      path: existing.path,
      code: 'policy-exists',
      reason: `${existing.path} is the policy in ${root}; remove it before creating ${plan.path}`,
    };
  // 'wx' unless replacing: a policy that appeared since the plan is never overwritten unasked.
  writeRepoFile(root, plan.path, plan.text, existing && options.force ? 'replace' : 'create');
  const tests = await writeStarterTests(root, { path: plan.path, text: plan.text }, plan.files);
  return { created: true, root, path: plan.path, decisions: plan.detected.decisions, tests };
}
