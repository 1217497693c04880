import { logPin } from '../log-pin.js';
import type { DeployFiles } from './deploy-files.js';

/**
 * Production's pin, read from the record and the audit log. The record's `pinned` is a copy a
 * hand edit (or deleting the file) can drop; the log's pinning rollback, sealed by the hash
 * chain, cannot be dropped without breaking it. Either one pins. `source: 'log'` means the
 * record lost a pin the log proves: only `slipway unpin` (which logs UNPIN) may clear it.
 */
export interface ProductionPin {
  source: 'record' | 'log';
  sha: string;
  reason?: string;
  /** When the pinning rollback succeeded (from the log). */
  time?: string;
}

export function productionPin(state: DeployFiles): ProductionPin | undefined {
  const r = state.record;
  if (r?.pinned)
    return {
      source: 'record',
      sha: r.last_good_sha,
      ...(r.pinned_reason ? { reason: r.pinned_reason } : {}),
    };
  const p = logPin(state.log.entries, state.deploy.production);
  return p
    ? { source: 'log', sha: p.sha, time: p.time, ...(p.reason ? { reason: p.reason } : {}) }
    : undefined;
}

/** The one line that explains a pin the record lost, and the only way out. */
export function lostPinLine(state: DeployFiles, pin: ProductionPin): string {
  const missing = state.record ? '' : ' (the file is missing)';
  return `${state.deploy.record} lost its pin (hand edit?)${missing}: the audit log says production is pinned to ${pin.sha.slice(0, 12)} by a rollback at ${pin.time ?? 'an unknown time'} (${pin.reason ?? 'no reason'}) and no UNPIN followed; a human must run \`slipway unpin --reason\` first`;
}
