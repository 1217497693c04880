import type {
  Actor,
  ApprovalAnswer,
  ApprovalRequest,
  DeployCallbacks,
  ProgressEvent,
} from '@slipway/policy-core';
import { openDeployContext, type OperationOptions } from '@slipway/policy-core/node';
import { DeployFixture } from '../../../../../test/deploy/helpers/deploy-repo.js';

export { DeployFixture };

/** The person the flows act as in these tests. */
export const DEV: Actor = { name: 'Dev Human', kind: 'human' };

/** What a flow reported and asked, collected. */
export class Recorder {
  events: ProgressEvent[] = [];
  asked: ApprovalRequest[] = [];

  constructor(
    private answer: (req: ApprovalRequest) => ApprovalAnswer | Promise<ApprovalAnswer> = (req) => ({
      approved: true,
      typed: req.expect,
      approver: 'Ada Approver',
    }),
  ) {}

  callbacks(extra: Partial<DeployCallbacks> = {}): DeployCallbacks {
    return {
      onProgress: (e) => this.events.push(e),
      approve: async (req) => {
        this.asked.push(req);
        return this.answer(req);
      },
      ...extra,
    };
  }

  messages(): string[] {
    return this.events.map((e) => e.message);
  }
}

/** The options every flow takes, for the fixture's repository (its policy, its servers). */
export async function flowOptions(f: DeployFixture): Promise<OperationOptions> {
  const env = { ...process.env, ...f.env };
  const { root, policy } = await openDeployContext({ dir: f.repo.dir, env });
  return { root, policy, env, actor: DEV };
}
