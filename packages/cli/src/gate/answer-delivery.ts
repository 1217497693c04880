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
  signalStopScope,
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
  /**
   * `owner/name`: the only repository whose deliveries this clone judges (an App installed on
   * several would otherwise have another repository's deployments judged by this one's policy).
   */
  repository: string;
  /** Judge and print; send nothing (no credentials needed). */
  dryRun: boolean;
  tokens?: TokenSource;
  repo?: string;
}

/** How long one judgement may take (the guard, the soak's health): past it the answer is no. */
const JUDGE_TIMEOUT_MS = 5 * 60_000;

/** Sending the answer: tries, and the pause before each retry (GitHub does not redeliver). */
const SEND_RETRY_MS = [2_000, 8_000];

/** The body read as a request and its review URL checked: what may be judged, or why not. */
export function requestFromDelivery(
  body: string,
  settings: Pick<GateSettings, 'apiUrl' | 'repository'>,
): { ok: true; request: ProtectionRuleRequest; reviewUrl: string } | { ok: false; outcome: DeliveryOutcome } {
  const parsed = readProtectionRuleEvent(body);
  if (!parsed.ok)
    return { ok: false, outcome: { kind: parsed.ignored ? 'ignored' : 'invalid', line: parsed.message } };
  const { callbackUrl, repository, runId } = parsed.request;
  if (repository.toLowerCase() !== settings.repository.toLowerCase())
    return {
      ok: false,
      outcome: {
        kind: 'invalid',
        line: `the delivery is for ${repository}; this gate judges ${settings.repository} only (--repository)`,
      },
    };
  const url = checkReviewUrl(callbackUrl, settings.apiUrl, repository, runId);
  if (!url.ok) return { ok: false, outcome: { kind: 'invalid', line: url.message } };
  return { ok: true, request: parsed.request, reviewUrl: url.url };
}

/**
 * A signed delivery the gate cannot read as a request (a shape it does not know, no commit), for
 * this repository and with a review URL it may send to: what to reject, saying why. GitHub does
 * not redeliver, so refusing it with an HTTP status alone would leave the job waiting.
 */
export function unreadableRequest(
  body: string,
  settings: Pick<GateSettings, 'apiUrl' | 'repository'>,
  why: string,
): { request: ProtectionRuleRequest; reviewUrl: string; why: string } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const o = json as {
    environment?: unknown;
    deployment_callback_url?: unknown;
    repository?: { full_name?: unknown };
    sha?: unknown;
    installation?: { id?: unknown };
  };
  const repository = o?.repository?.full_name;
  if (typeof o?.environment !== 'string' || typeof o.deployment_callback_url !== 'string') return undefined;
  if (typeof repository !== 'string' || repository.toLowerCase() !== settings.repository.toLowerCase())
    return undefined;
  const url = checkReviewUrl(o.deployment_callback_url, settings.apiUrl, repository);
  if (!url.ok) return undefined;
  const sha = typeof o.sha === 'string' ? o.sha.slice(0, 64) : '(no commit)';
  const installation = o.installation?.id;
  return {
    request: {
      environment: o.environment.slice(0, 255),
      sha,
      repository,
      callbackUrl: url.url,
      ...(Number.isSafeInteger(installation) && (installation as number) > 0
        ? { installationId: installation as number }
        : {}),
    },
    reviewUrl: url.url,
    why,
  };
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
  const judged = { kind: 'judged' as const, request, review, ...(plan ? { plan } : {}) };
  if (settings.dryRun || !settings.tokens) return { ...judged, sent: false };
  // An agent's run answers nothing: approving a deployment is a person's or the App's server's
  // to do, as breaking a deploy window's glass is.
  if (agent)
    return {
      ...judged,
      sent: false,
      sendError: `${agent} is an agent (the policy's agents, a preset, or the coding agent whose shell runs this): an agent may not answer a deployment protection rule`,
    };
  return { ...judged, ...(await send(settings, request, reviewUrl, review)) };
}

/** A signed delivery that could not be read (unreadableRequest), rejected saying why. */
export async function rejectUnreadable(
  settings: GateSettings,
  u: NonNullable<ReturnType<typeof unreadableRequest>>,
): Promise<DeliveryOutcome> {
  const { request, reviewUrl } = u;
  const review = failedDeploymentReview(
    request.sha,
    request.environment,
    `the delivery could not be read: ${u.why}`,
  );
  if (settings.dryRun || !settings.tokens) return { kind: 'judged', request, review, sent: false };
  return { kind: 'judged', request, review, ...(await send(settings, request, reviewUrl, review)) };
}

/** The review sent, with a token minted for it; a failure GitHub might not repeat is tried again. */
async function send(
  settings: GateSettings,
  request: ProtectionRuleRequest,
  reviewUrl: string,
  review: DeploymentReview,
): Promise<{ sent: boolean; sendError?: string }> {
  const tokens = settings.tokens as TokenSource;
  for (let attempt = 0; ; attempt++) {
    try {
      const token = await tokens(request, settings.apiUrl);
      await sendDeploymentReview({
        reviewUrl,
        environment: request.environment,
        review,
        token,
        timeoutMs: 15_000,
      });
      return { sent: true };
    } catch (e) {
      if (!(e instanceof AppTokenError || e instanceof DeploymentReviewError || e instanceof UserError))
        throw e;
      const pause = SEND_RETRY_MS[attempt];
      if (!(e instanceof UserError) && e.retryable && pause !== undefined) {
        await new Promise((r) => setTimeout(r, pause));
        continue;
      }
      return { sent: false, sendError: e.message };
    }
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
    // The judgement stops at its deadline, and at nothing else: a signal to the server lets the
    // judging under way finish (a probe cut short would read as unhealthy, a false rejection).
    const deadline = AbortSignal.timeout(JUDGE_TIMEOUT_MS);
    const judged = await judgeDeployment(
      request,
      { ...op.options, stopScopes: () => signalStopScope(deadline), guardSteps },
      op.callbacks,
    );
    if (deadline.aborted)
      return {
        review: failedDeploymentReview(
          request.sha,
          request.environment,
          `judging took more than ${JUDGE_TIMEOUT_MS / 60_000} minutes`,
        ),
      };
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
