import {
  checkReviewUrl,
  type DeploymentReview,
  failedDeploymentReview,
  printableLines,
  type PromotePlan,
  type ProtectionRuleRequest,
  readProtectionRuleEvent,
} from '@slipway/policy-core';
import {
  AppTokenError,
  DeploymentReviewError,
  judgeDeployment,
  sendDeploymentReview,
} from '@slipway/policy-core/node';
import type { CommandContext } from '../command.js';
import { UserError } from '../command.js';
import { operationContext } from '../deploy/command-context.js';
import { guardSteps } from '../guard/steps.js';
import type { TokenSource } from './credentials.js';

/** How one delivery ended. */
export type DeliveryOutcome =
  /** Not a request the gate answers (another action): acknowledged, nothing judged or sent. */
  | { kind: 'ignored'; line: string }
  /** Not a protection-rule request, or one whose review URL the gate will not send a token to. */
  | { kind: 'invalid'; line: string }
  /** Judged; `sent` says whether GitHub got the answer (not in a dry run, or the send failed). */
  | {
      kind: 'judged';
      request: ProtectionRuleRequest;
      review: DeploymentReview;
      plan?: PromotePlan;
      sent: boolean;
      sendError?: string;
    };

export interface GateSettings {
  apiUrl: string;
  /** Judge and print; send nothing (no credentials needed). */
  dryRun: boolean;
  tokens?: TokenSource;
  repo?: string;
}

/** The body read as a request and its review URL checked: what may be judged, or why not. */
export function requestFromDelivery(
  body: string,
  apiUrl: string,
): { ok: true; request: ProtectionRuleRequest; reviewUrl: string } | { ok: false; outcome: DeliveryOutcome } {
  const parsed = readProtectionRuleEvent(body);
  if (!parsed.ok)
    return { ok: false, outcome: { kind: parsed.ignored ? 'ignored' : 'invalid', line: parsed.message } };
  const { callbackUrl, repository, runId } = parsed.request;
  const url = checkReviewUrl(callbackUrl, apiUrl, repository, runId);
  if (!url.ok) return { ok: false, outcome: { kind: 'invalid', line: url.message } };
  return { ok: true, request: parsed.request, reviewUrl: url.url };
}

/**
 * One checked request judged in the repository as it is now (the policy read afresh: a server
 * outlives edits to it) and, unless a dry run, the review sent.
 */
export async function judgeAndAnswer(
  ctx: CommandContext,
  settings: GateSettings,
  request: ProtectionRuleRequest,
  reviewUrl: string,
): Promise<DeliveryOutcome> {
  const { review, plan, agent } = await judgeOrFail(ctx, settings, request);
  if (settings.dryRun || !settings.tokens)
    return { kind: 'judged', request, review, ...(plan ? { plan } : {}), sent: false };
  // An agent's run answers nothing: approving a deployment is a person's or the App's server's
  // to do, as breaking a deploy window's glass is.
  if (agent)
    return {
      kind: 'judged',
      request,
      review,
      ...(plan ? { plan } : {}),
      sent: false,
      sendError: `${agent} is an agent (agents.identities, agents.accounts or a preset): an agent may not answer a deployment protection rule`,
    };
  try {
    const token = await settings.tokens(request, settings.apiUrl);
    await sendDeploymentReview({
      reviewUrl,
      environment: request.environment,
      review,
      token,
      timeoutMs: 15_000,
    });
    return { kind: 'judged', request, review, ...(plan ? { plan } : {}), sent: true };
  } catch (e) {
    if (!(e instanceof AppTokenError || e instanceof DeploymentReviewError || e instanceof UserError))
      throw e;
    return { kind: 'judged', request, review, ...(plan ? { plan } : {}), sent: false, sendError: e.message };
  }
}

/**
 * The judgement; a policy that cannot even be opened (a UserError of the CLI's), or any other
 * failure, rejects too, its line the reason: the answer to "cannot judge" is no.
 */
async function judgeOrFail(ctx: CommandContext, settings: GateSettings, request: ProtectionRuleRequest) {
  try {
    const op = await operationContext(ctx, { repo: settings.repo, 'dry-run': true }, 'gate');
    const { actor } = op.options;
    const judged = await judgeDeployment(request, { ...op.options, guardSteps }, op.callbacks);
    return { ...judged, ...(actor.kind === 'agent' ? { agent: actor.name } : {}) };
  } catch (e) {
    // Anything that stops the judging rejects (failing closed): a deployment left waiting would
    // only time out after GitHub's 30 days, and an approval nobody checked is worse.
    const line =
      e instanceof UserError ? e.message : `internal error: ${(e as Error).message.split('\n')[0]}`;
    return { review: failedDeploymentReview(request.sha, request.environment, line) };
  }
}

/** The outcome as the one line a log or a terminal shows. */
export function outcomeLine(o: DeliveryOutcome): string {
  if (o.kind !== 'judged') return `${o.kind}: ${printableLines(o.line)}`;
  const what = `${o.review.state} ${o.request.sha.slice(0, 12)} to ${o.request.environment} (${o.request.repository})`;
  const sent = o.sent
    ? 'review sent'
    : o.sendError
      ? `review NOT sent: ${printableLines(o.sendError)}`
      : 'dry run: review not sent';
  return `${what}; ${sent}`;
}
