import * as z from 'zod/mini';

/**
 * GitHub's `deployment_protection_rule` webhook (action `requested`), as `slipway gate` reads it:
 * which environment a workflow job is waiting on, the commit it would deploy, and the URL that
 * approves or rejects it. Only the fields the gate uses are read; the rest of the delivery
 * (repository, sender, installation details, pull requests) passes unread.
 */
export interface ProtectionRuleRequest {
  /** The GitHub environment the job waits on: a key of deploy.environments. */
  environment: string;
  /** The commit the deployment would ship (40 or 64 hex digits). */
  sha: string;
  /** The ref GitHub deploys (a branch or tag name), when given. */
  ref?: string;
  /** `owner/name` of the repository. */
  repository: string;
  /** The App installation the review must be made as (the token is minted for it). */
  installationId?: number;
  /** The review endpoint (POST approves or rejects). */
  callbackUrl: string;
  /** What started the workflow (`push`, `workflow_dispatch`, …). */
  event?: string;
  /** Who created the deployment, when GitHub says. */
  creator?: string;
  /** The waiting workflow run, when the delivery names it (it must be the callback URL's). */
  runId?: number;
}

/** The most of one delivery the gate reads: the event is a few kilobytes; GitHub caps any at 25 MB. */
export const PROTECTION_RULE_EVENT_MAX_BYTES = 1_000_000;

const login = z.object({ login: z.string() });

const sha = z.string().check(z.regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/));

/*
 * Where the commit is: GitHub's schema documents a `deployment` object (with `sha` and `ref`);
 * deliveries captured from GitHub also carry `sha` and `ref` at the top, beside a `deployment`
 * that has neither. Both are read; when both are there they must agree.
 */
const EventSchema = z.object({
  action: z.string(),
  environment: z.string().check(z.minLength(1), z.maxLength(255)),
  event: z.optional(z.string()),
  deployment_callback_url: z.string().check(z.maxLength(2048)),
  sha: z.optional(sha),
  ref: z.optional(z.string()),
  deployment: z.optional(
    z.object({
      sha: z.optional(sha),
      ref: z.optional(z.string()),
      creator: z.optional(z.nullable(login)),
    }),
  ),
  workflow_run: z.optional(z.object({ id: z.number() })),
  repository: z.object({ full_name: z.string().check(z.regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/)) }),
  installation: z.optional(z.object({ id: z.number().check(z.int(), z.positive()) })),
});

export type ProtectionRuleParse =
  | { ok: true; request: ProtectionRuleRequest }
  | { ok: false; ignored?: true; message: string };

/**
 * A delivery's body read as a protection-rule request, or one line saying why it is not one
 * (`ignored`: a well-formed delivery with another action, which the gate acknowledges and leaves).
 */
export function readProtectionRuleEvent(body: string): ProtectionRuleParse {
  if (body.length > PROTECTION_RULE_EVENT_MAX_BYTES)
    return {
      ok: false,
      message: `the delivery is ${body.length} characters; the gate reads at most ${PROTECTION_RULE_EVENT_MAX_BYTES}`,
    };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    return { ok: false, message: `the delivery is not JSON (${(e as Error).message})` };
  }
  const action = (json as { action?: unknown } | null)?.action;
  if (typeof action === 'string' && action !== 'requested')
    return {
      ok: false,
      ignored: true,
      message: `action "${action.slice(0, 40)}" is not a request; nothing to judge`,
    };
  const parsed = EventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(the delivery)';
    return {
      ok: false,
      message: `not a deployment_protection_rule request: ${where}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const e = parsed.data;
  const d = e.deployment;
  if (e.sha !== undefined && d?.sha !== undefined && e.sha !== d.sha)
    return { ok: false, message: `the delivery names two commits: sha ${e.sha} and deployment.sha ${d.sha}` };
  const commit = e.sha ?? d?.sha;
  if (commit === undefined)
    return {
      ok: false,
      message: 'not a deployment_protection_rule request: it names no commit (sha or deployment.sha)',
    };
  const ref = e.ref ?? d?.ref;
  return {
    ok: true,
    request: {
      environment: e.environment,
      sha: commit,
      ...(ref !== undefined ? { ref } : {}),
      repository: e.repository.full_name,
      ...(e.installation ? { installationId: e.installation.id } : {}),
      callbackUrl: e.deployment_callback_url,
      ...(e.event !== undefined ? { event: e.event } : {}),
      ...(d?.creator ? { creator: d.creator.login } : {}),
      ...(e.workflow_run ? { runId: e.workflow_run.id } : {}),
    },
  };
}
