import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { PROTECTION_RULE_EVENT_MAX_BYTES } from '@slipway/policy-core';
import { webhookSignatureValid } from '@slipway/policy-core/node';
import type { Command, CommandContext } from '../command.js';
import { UserError } from '../command.js';
import { writeJsonResult } from '../deploy/json-result.js';
import { parseFlags } from '../flags.js';
import {
  type GateSettings,
  judgeAndAnswer,
  outcomeLine,
  requestFromDelivery,
} from '../gate/answer-delivery.js';
import { CREDENTIALS_USAGE, tokenSource } from '../gate/credentials.js';
import { gateApiUrl, gateRepository } from '../gate/gate-repository.js';
import { readCappedDelivery } from '../gate/read-capped.js';
import { serveGate } from '../gate/serve.js';

export const gateCommand: Command = {
  name: 'gate',
  usage: `Usage: slipway gate --event FILE [options]
       slipway gate --serve [--port N] [options]

Answers GitHub's custom deployment protection rule. A workflow job that deploys to an environment
with the rule enabled waits; GitHub sends the rule's App a deployment_protection_rule delivery,
and the gate judges the deployment's commit as \`slipway promote --dry-run\` would for the
environment of the same name (staging verification and soak, production branch, release tag,
deploy windows, the guard on the commit's tree), then approves or rejects it through the
delivery's callback URL with a comment saying why. It writes nothing: the deployment job's own
promote records and logs. A delivery it cannot judge is rejected, saying why (docs/guides/github-gate.md).

  --event FILE       one delivery's JSON body (- for stdin), as GitHub sent it, e.g. relayed
  --signature SIG    its X-Hub-Signature-256 header, checked against SLIPWAY_WEBHOOK_SECRET
                     (required unless --dry-run: the delivery names the commit judged)
  --serve            be the App's webhook endpoint: judge each signed delivery as it arrives
                     (needs SLIPWAY_WEBHOOK_SECRET); stops on SIGINT or SIGTERM
  --host ADDR        address to listen on (default 127.0.0.1; a proxy in front serves TLS)
  --port N           port to listen on (default 3000; 0 picks a free one)
  --path PATH        the webhook URL's path (default /)
  --api-url URL      the GitHub API (default GITHUB_API_URL, else https://api.github.com; https);
                     a review is sent only to this API's endpoint for the delivery's repository
  --repository OWNER/NAME
                     the only repository whose deliveries are judged here (default: origin's)
  --dry-run          judge and print; send nothing (no credentials needed)
  --format FORMAT    text (default) or json (--event only)
  --repo DIR         repository whose policy, record and log judge (default: the working directory)

${CREDENTIALS_USAGE}

Exit: 0 approved (and sent), 1 rejected or not sent, 2 a delivery or option that cannot be used.`,
  run: async (ctx) => {
    const { values, positionals } = parseFlags('gate', ctx.argv, {
      event: { type: 'string' },
      signature: { type: 'string' },
      serve: { type: 'boolean', default: false },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '3000' },
      path: { type: 'string', default: '/' },
      'api-url': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      repo: { type: 'string' },
      repository: { type: 'string' },
    });
    if (positionals.length > 0) throw new UserError(`unexpected argument "${positionals[0]}"`);
    if (values.serve === (values.event !== undefined))
      throw new UserError('give one of --event FILE (one delivery) or --serve (the webhook endpoint)');
    if (values.format !== 'text' && values.format !== 'json')
      throw new UserError(`--format must be text or json, not "${values.format}"`);
    const apiUrl = gateApiUrl(values['api-url'] ?? ctx.env.GITHUB_API_URL ?? 'https://api.github.com');
    const repository = await gateRepository(values.repository, ctx.cwd, values.repo);
    const dryRun = values['dry-run'] === true;
    const settings = {
      apiUrl,
      repository,
      dryRun,
      ...(dryRun ? {} : { tokens: tokenSource(ctx.env, values.serve === true) }),
      ...(values.repo !== undefined ? { repo: values.repo } : {}),
    };
    const secret = ctx.env.SLIPWAY_WEBHOOK_SECRET ?? '';
    if (values.serve) {
      if (values.format === 'json') throw new UserError('--format json is for --event; --serve logs lines');
      if (!secret)
        throw new UserError(
          "slipway gate --serve needs SLIPWAY_WEBHOOK_SECRET, the App's webhook secret: without it anyone who reaches the port could ask for a review",
        );
      const path = values.path;
      if (!path.startsWith('/')) throw new UserError(`--path must start with /, not "${path}"`);
      return serveGate(ctx, { ...settings, host: values.host, port: portOf(values.port), path, secret });
    }
    return answerEvent(ctx, values.event as string, values.signature, values.format === 'json', settings);
  },
};

/** `--event FILE`: one delivery read, its signature checked when given, judged and answered. */
async function answerEvent(
  ctx: CommandContext,
  file: string,
  signature: string | undefined,
  json: boolean,
  settings: GateSettings,
): Promise<number> {
  const secret = ctx.env.SLIPWAY_WEBHOOK_SECRET ?? '';
  // The delivery names the commit the review is about: an unsigned one could pair a waiting run's
  // callback with another commit, and approve the run's deployment on that commit's merits.
  if (signature === undefined && !settings.dryRun)
    throw new UserError(
      `${file}: the gate answers GitHub only for a signed delivery: pass --signature with its X-Hub-Signature-256 header (checked against SLIPWAY_WEBHOOK_SECRET), or --dry-run to judge without answering`,
    );
  const body = await readEvent(ctx, file);
  if (signature !== undefined && !webhookSignatureValid(secret, body, signature))
    throw new UserError(
      secret
        ? `${file}: --signature is not the HMAC of this body under SLIPWAY_WEBHOOK_SECRET; refused`
        : '--signature needs SLIPWAY_WEBHOOK_SECRET to check it against',
    );
  const checked = requestFromDelivery(body.toString('utf8'), settings);
  if (!checked.ok) {
    if (checked.outcome.kind === 'ignored') {
      ctx.stdout.write(`${outcomeLine(checked.outcome)}\n`);
      return 0;
    }
    throw new UserError(`${file}: ${outcomeLine(checked.outcome).replace(/^invalid: /, '')}`);
  }
  const outcome = await judgeAndAnswer(jsonAware(ctx, json), settings, checked.request, checked.reviewUrl);
  if (outcome.kind !== 'judged') throw new Error('unreachable: a checked request is judged');
  if (json)
    writeJsonResult(ctx.stdout, 'gate', {
      state: outcome.review.state,
      comment: outcome.review.comment,
      sent: outcome.sent,
      ...(outcome.sendError ? { sendError: outcome.sendError } : {}),
      environment: outcome.request.environment,
      sha: outcome.request.sha,
      ...(outcome.plan ? { plan: outcome.plan } : {}),
    });
  else {
    ctx.stdout.write(`${outcome.review.comment}\n`);
    ctx.stdout.write(`gate: ${outcomeLine(outcome)}\n`);
  }
  if (outcome.sendError && json) ctx.stderr.write(`slipway gate: ${outcomeLine(outcome)}\n`);
  return outcome.review.state === 'approved' && (outcome.sent || settings.dryRun) ? 0 : 1;
}

/** With --format json the plan's progress lines go to stderr: stdout is the document. */
function jsonAware(ctx: CommandContext, json: boolean): CommandContext {
  return json ? { ...ctx, stdout: ctx.stderr } : ctx;
}

function portOf(text: string): number {
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text) || n > 65535) throw new UserError(`--port must be 0–65535, not "${text}"`);
  return n;
}

async function readEvent(ctx: CommandContext, file: string): Promise<Buffer> {
  if (file === '-') {
    const body = await readCappedDelivery(ctx.stdin);
    if (body === undefined)
      throw new UserError(
        `stdin: the delivery is larger than ${PROTECTION_RULE_EVENT_MAX_BYTES} bytes; refused`,
      );
    return body;
  }
  // Opened without blocking and checked before it is read: a FIFO or a device (/dev/zero) given as
  // the delivery would otherwise be read without end.
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile())
      throw new UserError(
        `${file} is not a regular file; give the delivery's JSON body as a file, or on stdin (-)`,
      );
    if (st.size > PROTECTION_RULE_EVENT_MAX_BYTES)
      throw new UserError(
        `${file}: the delivery is ${st.size} bytes, more than ${PROTECTION_RULE_EVENT_MAX_BYTES}; refused`,
      );
    // Read to the cap and one byte past it, whatever fstat said (a /proc file says 0).
    const buf = Buffer.alloc(PROTECTION_RULE_EVENT_MAX_BYTES + 1);
    let size = 0;
    for (let n = 1; n > 0 && size < buf.length; size += n)
      n = readSync(fd, buf, size, buf.length - size, null);
    if (size > PROTECTION_RULE_EVENT_MAX_BYTES)
      throw new UserError(
        `${file}: the delivery is more than ${PROTECTION_RULE_EVENT_MAX_BYTES} bytes; refused`,
      );
    return buf.subarray(0, size);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(
      `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
