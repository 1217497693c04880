import { parseDeployRecord, type PolicyDocument } from '@slipway/policy-core';
import type { ProductionState } from '../protocol/index.js';

/** Production as the deploy record says (read through the project, open buffers included). */
export function productionState(
  doc: PolicyDocument | undefined,
  readFile: (path: string) => string | undefined,
): ProductionState | undefined {
  const path = doc?.policy.deploy?.record;
  if (!path) return undefined;
  const text = readFile(path);
  const record = text === undefined ? undefined : parseDeployRecord(text).record;
  if (!record) return undefined;
  return {
    sha: record.last_good_sha,
    at: record.deployed_at,
    pinned: record.pinned === true,
    ...(record.pinned_reason ? { pinReason: record.pinned_reason } : {}),
  };
}

/** Whether a branch matches one of `agents.branches` (`*` stays within one path segment, `**` crosses). */
export function isAgentBranch(doc: PolicyDocument | undefined, branch: string | undefined): boolean {
  if (!branch) return false;
  return (doc?.policy.agents?.branches ?? []).some((pattern) => globRegex(pattern).test(branch));
}

function globRegex(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 's');
}
