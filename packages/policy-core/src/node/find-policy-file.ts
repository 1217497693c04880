import { statSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_FILES } from '../policy/policy-files.js';

/** Finds the policy file at the repository root; `slipway.yaml` wins over `slipway.toml`. */
export function findPolicyFile(root: string): string | undefined {
  for (const name of POLICY_FILES) {
    try {
      if (statSync(join(root, name)).isFile()) return name;
    } catch {
      // not there: try the next name
    }
  }
  return undefined;
}
