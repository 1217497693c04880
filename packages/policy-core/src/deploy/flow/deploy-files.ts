import type { DeploySection } from '../../policy/schema/deploy.js';
import type { AuditLog } from '../audit-chain.js';
import type { AuditEvent } from '../audit-event.js';
import { locateJson } from '../json-with-ranges.js';
import type { ParsedRecord } from '../record-parse.js';
import type { DeployRecord } from '../record-schema.js';
import { RULE_IDS } from '../../rule-ids.generated.js';

/**
 * The deploy record and the audit log as read, as values: what every deploy decision looks at.
 * The Node adapter (`readDeployState`) reads them from disk and keeps them in step as it writes.
 */
export interface DeployFiles {
  deploy: DeploySection;
  recordText?: string;
  parsed?: ParsedRecord;
  /** The record when it exists and is valid. */
  record?: DeployRecord;
  logText: string;
  log: AuditLog;
}

/** An audit event before it is chained (`prev`) and versioned (`v`). */
export type NewEvent = Omit<AuditEvent, 'prev' | 'v'>;

/**
 * The record is production's (deploy.production): one that names another environment was
 * copied from elsewhere or the policy renamed production. Acting on it would redeploy (or roll
 * back to) what another environment ran, so it is refused until a person reconciles the two.
 */
export function environmentMismatch(
  state: Pick<DeployFiles, 'deploy' | 'parsed' | 'record' | 'recordText'>,
): string | undefined {
  const env = state.record?.environment;
  if (env === undefined || env === state.deploy.production || !state.parsed?.node) return undefined;
  const at = locateJson(state.parsed.node, ['environment']).start;
  const line = state.recordText?.slice(0, at).split('\n').length ?? 1;
  const known = Object.keys(state.deploy.environments).map((k) => `"${k}"`);
  return `${state.deploy.record}:${line}: the record describes environment "${env}", but it is the record of deploy.production ("${state.deploy.production}"; the policy defines ${known.join(', ')}); correct its "environment" or the policy before deploying.`;
}

/**
 * Why Slipway must not act on these files: a record that cannot be read, or a log whose chain
 * is broken (writing on top of either would bury the problem). A torn last line or entries
 * after the record's head are not reasons: they are what a crash leaves behind, and the next
 * entry chains past them (the caller shows them as warnings).
 */
export function unusableReason(state: DeployFiles): string | undefined {
  const problem = state.parsed?.problems[0];
  if (problem) {
    const line = state.recordText?.slice(0, problem.start).split('\n').length ?? 1;
    return `${state.deploy.record}:${line}: ${problem.rule} ${problem.message}`;
  }
  const mismatch = environmentMismatch(state);
  if (mismatch) return mismatch;
  const broken = brokenChain(state);
  if (broken) {
    const where = 'line' in broken ? `:${broken.line + 1}` : '';
    return `${state.deploy.audit_log}${where}: ${RULE_IDS.brokenChain} ${broken.message}; restore the log from git before deploying.`;
  }
  return undefined;
}

/** A break in the hash chain (or a head the log lacks): nothing may be appended on top of it. */
export function brokenChain(state: DeployFiles) {
  return state.log.issues.find((i) => i.kind === 'chain' || i.kind === 'head-missing');
}

/** Warnings worth showing before acting: torn lines, unacknowledged entries. */
export function stateWarnings(state: DeployFiles): string[] {
  return state.log.issues
    .filter((i) => i.kind === 'malformed' || i.kind === 'head-behind')
    .map((i) => `warning: ${state.deploy.audit_log}${'line' in i ? `:${i.line + 1}` : ''}: ${i.message}`);
}

/**
 * The first line that should have been an event and is not (AUD001). A blank line is not one:
 * it holds nothing to account for (AUD004 reports it, as a warning), and appends go past it.
 */
export function firstMalformedEvent(state: DeployFiles) {
  const malformed = state.log.issues.filter((i) => i.kind === 'malformed');
  if (malformed.length === 0) return undefined;
  const lines = state.logText.split('\n');
  return malformed.find((i) => (lines[i.line] ?? '').trim() !== '');
}
