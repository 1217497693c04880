import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPolicy } from '../../init/render-policy.js';
import { parsePolicyText } from '../../policy/parse.js';
import { findPolicyFile } from '../find-policy-file.js';
import { openRepo } from '../fs-repo.js';
import { detect } from './detect.js';
import { detectProductionBranch } from './production-branch.js';

export interface CreatePolicyOptions {
  /** Replace an existing slipway.yaml. */
  force?: boolean;
  /** Default: origin's default branch, else main or master, else the branch checked out. */
  productionBranch?: string;
}

export type CreatePolicyResult =
  | { created: true; root: string; path: string }
  /** A policy file is already there (and `force` was not given): nothing was written. */
  | { created: false; root: string; path: string; reason: string };

/**
 * Writes slipway.yaml for the repository containing `dir` from what it holds (the body of
 * `slipway init`). Never overwrites a policy unless asked; never writes a policy that does not
 * parse (that would be a bug here, thrown as one).
 */
export async function createPolicyFile(
  dir: string,
  options: CreatePolicyOptions = {},
): Promise<CreatePolicyResult> {
  const repo = await openRepo(dir);
  const root = repo.root;
  const existing = findPolicyFile(root);
  if (existing && !options.force)
    return { created: false, root, path: existing, reason: `${existing} already exists in ${root}` };
  const production = options.productionBranch ?? (repo.git ? await detectProductionBranch(root) : 'main');
  const text = renderPolicy(detect(root, repo.listFiles()), production);
  const check = parsePolicyText(text, 'slipway.yaml');
  if (!check.document) throw new Error(`generated policy is invalid: ${check.findings[0]?.message}`);
  const target = join(root, 'slipway.yaml');
  writeFileSync(target, text, { flag: existsSync(target) && options.force ? 'w' : 'wx' });
  return { created: true, root, path: 'slipway.yaml' };
}
