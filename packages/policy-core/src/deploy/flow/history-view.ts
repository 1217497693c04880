import { DeployError } from './deploy-error.js';
import { type DeployFiles, environmentMismatch } from './deploy-files.js';
import { lostPinLine, productionPin } from './pin-state.js';
import type { HistoryResult } from './results.js';

export interface HistoryQuery {
  /** Only entries for this environment (one the policy defines, or one the log names). */
  env?: string;
  /** The newest N entries; 0 or undefined for all. */
  limit?: number;
  /** The policy file, for the message about an unknown environment. */
  policyFile: string;
}

/**
 * What the record says production runs (and whether it is pinned: by the record, or by a
 * rollback in the audit log that no UNPIN followed), and the log's entries newest first.
 */
export function historyView(state: DeployFiles, query: HistoryQuery): HistoryResult {
  const { deploy } = state;
  // A typo would show "(no audit entries)", which reads as "nothing happened there"; an
  // environment the policy no longer has but the log remembers is still worth listing.
  const logged = new Set(state.log.entries.map((e) => e.event.environment));
  if (query.env !== undefined && !(query.env in deploy.environments) && !logged.has(query.env)) {
    const known = Object.keys(deploy.environments).map((k) => `"${k}"`);
    throw new DeployError(
      'config',
      `${query.policyFile}: unknown environment "${query.env}" for --env; the policy defines ${known.join(', ') || 'none'}, and the audit log names no other.`,
    );
  }
  let entries = state.log.entries.filter((e) => !query.env || e.event.environment === query.env);
  if (query.limit !== undefined && query.limit > 0) entries = entries.slice(-query.limit);
  // The pin as the record and the log together say (a hand edit can drop the record's copy).
  const pin = productionPin(state);
  const problem = state.parsed?.problems[0];
  const mismatch = environmentMismatch(state);
  return {
    production: deploy.production,
    recordPath: deploy.record,
    auditLogPath: deploy.audit_log,
    record: state.record ?? null,
    ...(problem ? { recordProblem: `${problem.rule} ${problem.message}` } : {}),
    ...(mismatch ? { environmentMismatch: mismatch } : {}),
    pin: pin ?? null,
    ...(pin?.source === 'log' ? { pinLine: lostPinLine(state, pin) } : {}),
    entries: entries.map((e) => ({ line: e.line + 1, ...e.event })).reverse(),
    issues: state.log.issues.map((i) => ('line' in i ? { ...i, line: i.line + 1 } : i)),
  };
}
