import { uncommittedHint } from './commit-hint.js';
import type { DeployCallbacks, DeployError, ProgressEvent } from '@slipway/policy-core';
import { detectActor, printableLines } from '@slipway/policy-core';
import { gitIdentity, type OperationOptions, openStopScope, useTzClock } from '@slipway/policy-core/node';
import type { CommandContext } from '../command.js';
import { UserError } from '../command.js';
import { openPolicyContext } from '../repo-context.js';
import { terminalApprove } from './approval.js';
import { signalExitCode } from './interrupted.js';
import { writeJsonResult } from './json-result.js';
import { parseDuration } from './duration.js';

/** Flags every deploy command takes. */
export const DEPLOY_FLAGS = {
  repo: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  commit: { type: 'boolean', default: false },
} as const;

/** `--format` for the deploy commands that return a result (promote, rollback, unpin). */
const FORMAT_FLAG = { format: { type: 'string', default: 'text' } } as const;

const FORMAT_USAGE = `  --format FORMAT    text (default) or json: the result as one JSON document on stdout
                     (docs/deploy-json.md); progress lines then go to stderr`;

/** How promote, rollback and unpin take a human's approval. */
const APPROVAL_FLAGS = {
  yes: { type: 'boolean', default: false },
  'approved-by': { type: 'string' },
  'approval-timeout': { type: 'string', default: '10m' },
} as const;

const APPROVAL_TIMEOUT_USAGE = `  --approval-timeout DUR
                     how long the prompt waits for the short SHA (default 10m); the deploy
                     lock is held meanwhile, so an unanswered prompt ends as a refusal`;

export const DEPLOY_FLAGS_USAGE = `  --dry-run          print the plan and change nothing
  --commit           commit the record and the audit log (with a Slipway-Event: trailer)
  --repo DIR         repository (default: the working directory)`;

/**
 * The flags of the commands that deploy and take approval (promote, rollback, unpin): the deploy
 * flags and `--format`, the command's `own`, then approval's.
 */
export function approvingCommandFlags<O extends object>(own: O) {
  return { ...DEPLOY_FLAGS, ...FORMAT_FLAG, ...own, ...APPROVAL_FLAGS };
}

/** The usage lines of those shared flags, after a command's own options. */
export const APPROVING_COMMAND_USAGE = `${APPROVAL_TIMEOUT_USAGE}
${DEPLOY_FLAGS_USAGE}
${FORMAT_USAGE}`;

/**
 * The flags operationContext reads. Commands with APPROVAL_FLAGS pass their values: `yes` has a
 * default there, so it is a boolean exactly when the command takes approval.
 */
export interface OperationFlags {
  repo?: string;
  'dry-run'?: boolean;
  commit?: boolean;
  yes?: boolean;
  'approved-by'?: string;
  'approval-timeout'?: string;
  format?: string;
}

/** What a deploy command hands the deploy layer: its options and its callbacks. */
export interface CliOperation {
  options: OperationOptions;
  callbacks: DeployCallbacks;
  /** `--format json`: the result goes to stdout as JSON, progress to stderr. */
  json: boolean;
  /** Where progress lines go (stdout for text, stderr for JSON). */
  say: (line: string) => void;
}

/** `--format`: text or json. */
export function deployFormat(command: string, format: string | undefined): boolean {
  if (format === undefined || format === 'text') return false;
  if (format === 'json') return true;
  throw new UserError(`${command}: --format must be text or json, not "${format}"`);
}

export async function operationContext(
  ctx: CommandContext,
  flags: OperationFlags,
  command: string,
  /** Git work of the command's own that needs only the root, started beside the identity's. */
  onRoot?: (root: string) => void,
): Promise<CliOperation> {
  const json = deployFormat(command, flags.format);
  const dryRun = flags['dry-run'] === true;
  const timeoutMs = parseDuration('approval-timeout', flags['approval-timeout'] ?? '10m');
  // Deploy windows' zones and local times read through TZ (node/tz-clock.ts) from the policy's
  // parse on: its zone check would otherwise read the runtime's whole zone list.
  useTzClock();
  // Who acts is a git question (the commit identity): asked while the policy is parsed, dry run
  // or not, because the kind it decides (agent or not) limits what may be done.
  const repo = await openPolicyContext(ctx.cwd, flags.repo, (root) => {
    const identity = gitIdentity(root, ctx.env);
    onRoot?.(root);
    return identity;
  });
  const actor = detectActor(repo.policy, repo.extra, ctx.env, {
    dryRun,
    approvedBy: flags['approved-by'],
    takesApproval: typeof flags.yes === 'boolean',
  });
  const out = json ? ctx.stderr : ctx.stdout;
  // An approval prompt cut off by a signal leaves the cursor after it: the next line starts fresh.
  const midLine = { value: false };
  // Every line of a deploy's output passes here; it quotes the policy's commands and URLs, the
  // record and the deploy command's own output: no control character of theirs reaches the terminal.
  const say = (line: string) => {
    out.write(`${midLine.value ? '\n' : ''}${printableLines(line)}\n`);
    midLine.value = false;
  };
  // Only a person is offered the prompt: an agent or a CI job typing the SHA would be approving
  // its own run. They approve through --yes --approved-by NAME of the human who decided.
  const interactive = actor.kind === 'human' && (ctx.stdin as { isTTY?: boolean }).isTTY === true;
  return {
    options: {
      root: repo.root,
      policy: repo.policy,
      env: ctx.env,
      actor,
      dryRun,
      commit: flags.commit === true,
      // Ctrl-C stops a running deploy step (logged), and exits at once elsewhere, as it always did.
      stopScopes: () => openStopScope(),
    },
    callbacks: {
      onProgress: (e: ProgressEvent) => say(e.message),
      ...(interactive ? { approve: terminalApprove({ stdin: ctx.stdin, out, timeoutMs, midLine }) } : {}),
    },
    json,
    say,
  };
}

/** The approval flags as the flows take them. */
function approvalOptions(values: { yes?: boolean; 'approved-by'?: string }) {
  return {
    yes: values.yes === true,
    ...(values['approved-by'] !== undefined ? { approvedBy: values['approved-by'] } : {}),
  };
}

/**
 * The operation of a command that takes approval (promote, rollback, unpin): operationContext's,
 * with `--yes` and `--approved-by` in its options as the flows take them.
 */
export async function approvingOperation(
  ctx: CommandContext,
  flags: OperationFlags,
  command: string,
  onRoot?: (root: string) => void,
) {
  const op = await operationContext(ctx, flags, command, onRoot);
  return { ...op, options: { ...op.options, ...approvalOptions(flags) } };
}

/** A flow's error as the CLI reports it: one line on stderr and its exit code. */
export function cliError(error: DeployError): UserError {
  return new UserError(error.message, error.exitCode);
}

/**
 * A flow's result as the command's exit: the JSON document with `--format json`, the error line
 * on stderr (as a UserError in text mode, so it prints exactly as before), 128+n after a signal.
 */
export function exitFor(
  ctx: CommandContext,
  op: CliOperation,
  command: string,
  result: { outcome: string; error?: DeployError; interruptedBy?: string },
  success: string[],
): number {
  if (op.json) writeJsonResult(ctx.stdout, command, result);
  if (result.outcome === 'cancelled') return signalExitCode(result.interruptedBy ?? '');
  if (result.error) {
    if (!op.json) throw cliError(result.error);
    ctx.stderr.write(`slipway ${command}: ${printableLines(result.error.message)}\n`);
    return result.error.exitCode;
  }
  const ok = success.includes(result.outcome);
  const hint = ok && !op.json ? uncommittedHint(op.options) : undefined;
  if (hint) op.say(hint);
  return ok ? 0 : 1;
}
