import type { AuditEvent, DeployRecord } from '../../index.js';
import type { DeployState } from './deploy-state.js';

/** What every deploy result says of the files its run wrote. */
interface WrittenFields {
  recordChanged: boolean;
  auditEntries: AuditEvent[];
  record?: DeployRecord;
  committed?: string;
}

/** What a run has written so far: the deploy state it read and changed, the commit it made. */
interface RunWrites {
  state?: DeployState;
  committed?: string;
}

/**
 * The `result(p, outcome, message, extra)` of a deploy action (promote, rollback, unpin), whose
 * every ending, success or refusal, says the same things in the same order: how it ended, what
 * `fields` reads of its progress `p`, what its run wrote (whether the record changed, the audit
 * entries appended, the record after it and the commit made, the last two when there are), then
 * `extra` (the error that stopped it, what interrupted it).
 */
export function actionResult<
  P extends RunWrites,
  R extends WrittenFields & { outcome: string; message: string },
>(fields: (p: P) => Omit<R, 'outcome' | 'message' | keyof WrittenFields>) {
  return (p: P, outcome: R['outcome'], message: string, extra: Partial<R> = {}): R =>
    ({
      outcome,
      message,
      ...fields(p),
      recordChanged: p.state?.recordChanged ?? false,
      auditEntries: p.state?.appended ?? [],
      ...(p.state?.record ? { record: p.state.record } : {}),
      ...(p.committed ? { committed: p.committed } : {}),
      ...extra,
    }) as R;
}
