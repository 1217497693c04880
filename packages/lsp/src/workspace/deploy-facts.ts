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
