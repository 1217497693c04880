import type { Finding, PromoteResult, StepOutcome } from '../../index.js';
import { type DeployState, writtenFields } from './deploy-state.js';

/** What a promote has done so far, for its result whichever way it ends. */
export interface Progress {
  env: string;
  sha: string | null;
  state?: DeployState;
  steps: StepOutcome[];
  findings: Finding[];
  committed?: string;
}

export function result(
  p: Progress,
  outcome: PromoteResult['outcome'],
  message: string,
  extra: Partial<PromoteResult> = {},
): PromoteResult {
  return {
    outcome,
    message,
    sha: p.sha,
    env: p.env,
    steps: p.steps,
    findings: p.findings,
    ...writtenFields(p.state, p.committed),
    ...extra,
  };
}
