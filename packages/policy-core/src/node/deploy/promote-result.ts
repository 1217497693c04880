import type { Finding, PromoteResult, StepOutcome } from '../../index.js';
import { actionResult } from './action-result.js';
import type { DeployState } from './deploy-state.js';

/** What a promote has done so far, for its result whichever way it ends. */
export interface Progress {
  env: string;
  sha: string | null;
  state?: DeployState;
  steps: StepOutcome[];
  findings: Finding[];
  committed?: string;
}

export const result = actionResult<Progress, PromoteResult>((p) => ({
  sha: p.sha,
  env: p.env,
  steps: p.steps,
  findings: p.findings,
}));
