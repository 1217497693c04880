import type { GateDecision, HookInput } from '@slipway/policy-core';
import { appendDecision, decisionEntry, findRoot, loadPolicy } from '@slipway/policy-core/node';
import { type CommandContext, type EarlyGit, UserError } from '../command.js';
import { MissingPolicyError } from '../policy-errors.js';
import { gateRefusal } from './gate-refusal.js';
import { judgeCall, type Judgement } from './judge-call.js';

/**
 * A call that needs the engine: judged, and logged when refused, questioned or (with
 * `hooks.log_allows`) let through. An engine error refuses unless `hooks.fail_open`; a repository
 * with no policy at all, in the tree or on its base, is not governed and lets the call through.
 */
export async function judgeAndLog(
  input: HookInput,
  ctx: CommandContext,
  early?: EarlyGit,
): Promise<GateDecision> {
  let judged: Judgement;
  try {
    judged = await judgeCall(input, ctx.cwd, ctx.env, early);
  } catch (err) {
    const message = err instanceof UserError || err instanceof Error ? err.message : String(err);
    if (err instanceof MissingPolicyError) {
      // No policy here nor on the base: nothing governs this repository (a hook set up for every project).
      ctx.stderr.write(`slipway hook: ${message}; nothing to judge the call by, let through\n`);
      return { verdict: 'allow', reasons: [] };
    }
    if (await failOpen(input.cwd ?? ctx.cwd)) {
      ctx.stderr.write(
        `slipway hook: could not judge the call (${message}); let through: hooks.fail_open is on\n`,
      );
      return { verdict: 'allow', reasons: [] };
    }
    return gateRefusal(
      `Slipway could not judge this call: ${message}`,
      'fix what the message says, or ask a human to make the change',
    );
  }
  const { decision, gate } = judged;
  const logAllows = gate?.policy.policy.hooks?.log_allows === true;
  if (gate && (decision.verdict !== 'allow' || logAllows)) {
    try {
      await appendDecision(gate.root, decisionEntry(input, judged.what, decision, new Date()));
    } catch (err) {
      // The decision stands; the log's failure is said where the human sees the hook's errors.
      ctx.stderr.write(`slipway hook: the decision log could not be written (${(err as Error).message})\n`);
    }
  }
  return decision;
}

/** Whether the repository's own policy lets what cannot be judged through; false whenever that cannot be read. */
async function failOpen(cwd: string): Promise<boolean> {
  try {
    const loaded = loadPolicy((await findRoot(cwd)).root);
    return loaded.kind === 'ok' && loaded.document.policy.hooks?.fail_open === true;
  } catch {
    return false;
  }
}
