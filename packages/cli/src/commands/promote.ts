import type { PromotePlan } from '@slipway/policy-core';
import { type EarlyPromoteReads, planPromote, promote, startPromoteReads } from '@slipway/policy-core/node';
import type { Command } from '../command.js';
import { UserError } from '../command.js';
import { reached } from '../code-cache-marks.js';
import {
  APPROVING_COMMAND_USAGE,
  approvingCommandFlags,
  approvingOperation,
  exitFor,
} from '../deploy/command-context.js';
import { writeJsonResult } from '../deploy/json-result.js';
import { guardSteps } from '../guard/steps.js';
import { parseFlags } from '../flags.js';

export const promoteCommand: Command = {
  name: 'promote',
  usage: `Usage: slipway promote [SHA] --env NAME [options]

Staging: runs the environment's deploy command for SHA (default HEAD), then its health checks,
and logs STAGING_VERIFIED ("ready to promote").
Production: requires that production is not pinned, SHA is on the production branch, was
verified on staging (or --skip-staging --reason), carries a release tag when deploy.release_tag
is set, and passes the guard on its own tree; any environment with deploy.windows must be inside
them (see \`slipway windows\`); a human approves (type the short SHA, or --yes
--approved-by NAME); then deploy, smoke checks, and on failure an automatic rollback to the
recorded last good SHA (a SYSTEM_CORRECTION_EVENT). On success the record and the audit log
are written.

Options:
  --env NAME         environment from deploy.environments (required)
  --reason TEXT      why (logged)
  --skip-staging     promote to production without a staging verification (needs --reason)
  --yes              approve without a prompt (needs --approved-by)
  --approved-by NAME the human who approved (e.g. the GitHub environment reviewer)
  --break-glass      promote although a deploy window refuses now (humans only; needs
                     --approver and --reason; logged as BREAK_GLASS)
  --approver NAME    the human who approved overriding the window
${APPROVING_COMMAND_USAGE}`,
  run: async (ctx) => {
    const { values, positionals } = parseFlags(
      'promote',
      ctx.argv,
      approvingCommandFlags({
        env: { type: 'string' },
        reason: { type: 'string' },
        'skip-staging': { type: 'boolean', default: false },
        'break-glass': { type: 'boolean', default: false },
        approver: { type: 'string' },
      } as const),
    );
    if (!values.env) throw new UserError('--env NAME is required (e.g. --env staging)');
    if (positionals.length > 1) throw new UserError('give at most one SHA');
    if (values.approver !== undefined && !values['break-glass'])
      throw new UserError('--approver names who approved a --break-glass override; pass --break-glass too');
    // What the promote asks git first needs no policy: asked while the policy is parsed.
    let early: EarlyPromoteReads | undefined;
    const op = await approvingOperation(ctx, values, 'promote', (root) => {
      early = startPromoteReads(root, { headLog: positionals[0] === undefined });
    });
    const opts = {
      ...op.options,
      environment: values.env,
      ...(positionals[0] !== undefined ? { ref: positionals[0] } : {}),
      defaultTarget: 'head' as const,
      ...(values.reason !== undefined ? { reason: values.reason } : {}),
      skipStaging: values['skip-staging'] === true,
      guardSteps,
      ...(values['break-glass'] ? { breakGlass: { approver: values.approver ?? '' } } : {}),
      ...(early ? { early } : {}),
    };
    if (op.options.dryRun) {
      const plan = await planPromote(opts, op.callbacks);
      windowsMark(plan);
      if (op.json) writeJsonResult(ctx.stdout, 'promote', { dryRun: true, plan });
      else
        op.say(
          `dry run: nothing was deployed or written; the promote would ${plan.wouldProceed ? 'proceed' : 'be refused'}`,
        );
      return plan.wouldProceed ? 0 : 1;
    }
    const result = await promote(opts, op.callbacks);
    windowsMark(result.plan);
    return exitFor(ctx, op, 'promote', result, ['deployed']);
  },
};

/**
 * A promote that judged deploy windows says so to its code cache (code-cache-marks.ts): a cache
 * written by a promote to an environment without windows lacks their code (the rules, the zones,
 * the texts), which every windowed promote then compiled again, several milliseconds of a check
 * whose budget is five.
 */
function windowsMark(plan: PromotePlan | undefined): void {
  if (plan?.checks.some((c) => c.name === 'window')) reached('windows');
}
