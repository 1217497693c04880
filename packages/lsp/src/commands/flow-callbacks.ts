import {
  type ApprovalAnswer,
  type ApprovalRequest,
  type DeployCallbacks,
  isDeployError,
} from '@slipway/policy-core';
import type { ServerContext } from '../context.js';
import type { ApprovalArgs, CommandResponse, Refusal } from '../protocol/index.js';
import { askApproval } from './approval-bridge.js';
import type { CommandRun } from './command-run.js';

/**
 * The callbacks a flow runs with: its progress becomes `$/progress` steps and output lines, its
 * cancellation the run's signal, and its approvals go to the person (typed in the extension, or
 * asked with `window/showMessageRequest`). The flow checks the typed text itself.
 */
export function flowCallbacks(ctx: ServerContext, run: CommandRun, args: ApprovalArgs): DeployCallbacks {
  return {
    onProgress: (event) => (event.output ? run.output(event.message) : run.step(event.message)),
    signal: run.signal,
    approve: async (request: ApprovalRequest): Promise<ApprovalAnswer> => {
      const approver = args.approvedBy ? { approver: args.approvedBy } : {};
      // Typed in the extension's input box: the flow checks the text against the SHA.
      if (args.approval !== undefined) return { approved: true, typed: args.approval, ...approver };
      const reply = await askApproval(ctx, request, undefined, run.signal);
      if (run.signal.aborted) return { approved: false, interrupted: 'cancelled by the editor' };
      // Choosing "Approve 1a2b3c4" is the deliberate act typing the SHA is in a terminal.
      return reply.approved
        ? { approved: true, typed: request.expect, ...approver }
        : { approved: false, reason: `${reply.answer} was chosen` };
    },
  };
}

/** A DeployError (bad options, no deploy section, the lock held) as the refusal the client shows. */
export function refusalOf(err: unknown): Refusal | undefined {
  if (!isDeployError(err)) return undefined;
  return { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) };
}

/** Runs a flow that throws DeployError for what it refuses; anything else is a bug and is rethrown. */
export async function answer<T>(flow: () => Promise<T>): Promise<CommandResponse<T>> {
  try {
    return { ok: true, result: await flow() };
  } catch (err) {
    const refused = refusalOf(err);
    if (!refused) throw err;
    return { ok: false, refused };
  }
}

/**
 * A flow result that says how it ended (`outcome`): ok when it did what was asked; otherwise
 * the refusal is its error, or its outcome and last line. The result goes along either way.
 */
export function byOutcome<T extends { outcome: string; message: string; error?: unknown }>(
  result: T,
  success: readonly string[],
): CommandResponse<T> {
  if (success.includes(result.outcome)) return { ok: true, result };
  const refused = refusalOf(result.error) ?? { code: result.outcome, message: result.message };
  return { ok: false, refused, result };
}
