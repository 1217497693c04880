import { lstatSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_FILES } from '../policy/policy-files.js';

/**
 * Finds the policy file at the repository root; `slipway.yaml` wins over `slipway.toml`. A name
 * that is there but no regular file (a FIFO, a link out of the repository) is found all the
 * same, so that the reader (loadPolicy) refuses it in one line rather than Slipway saying there
 * is no policy; a directory or a link to nothing is not a policy file.
 */
export function findPolicyFile(root: string): string | undefined {
  for (const name of POLICY_FILES) {
    const full = join(root, name);
    const st = lstatSync(full, { throwIfNoEntry: false });
    if (st === undefined || st.isDirectory()) continue;
    if (st.isSymbolicLink() && !linksToNonDirectory(full)) continue;
    return name;
  }
  return undefined;
}

/** A link to a file (or a loop: found, for the reader to refuse), not to nothing or a directory. */
function linksToNonDirectory(full: string): boolean {
  try {
    return statSync(full, { throwIfNoEntry: false })?.isDirectory() === false;
  } catch {
    return true;
  }
}
