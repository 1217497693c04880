import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { UserError } from '../command.js';
import { openStopScope } from './stop-scope.js';

/** The shortest answer that approves: git's default abbreviation, what the prompt shows. */
const MIN_PREFIX = 7;

export interface ApprovalInput {
  yes: boolean;
  approvedBy?: string;
  interactive: boolean;
  stdin: Readable;
  out: Writable;
  /**
   * How long the prompt waits. The caller holds the deploy lock meanwhile (and watch does not act
   * while it is held), so a prompt left open must end, as a refusal.
   */
  timeoutMs?: number;
}

/** A person was asked and did not approve (wrong or no answer): an outcome to log, exit 1. */
export class ApprovalRefused extends UserError {
  constructor(message: string) {
    super(message, 1);
    this.name = 'ApprovalRefused';
  }
}

/**
 * The person (or whatever runs Slipway) sent a stop signal while the prompt waited: the approval
 * was abandoned. A refusal like the others, logged as one; the caller exits as a shell would.
 */
export class ApprovalInterrupted extends ApprovalRefused {
  constructor(readonly signal: NodeJS.Signals) {
    super(`not approved: interrupted by ${signal} while waiting for an answer; nothing was deployed.`);
    this.name = 'ApprovalInterrupted';
  }
}

/**
 * Whether approval can be asked for at all: checked before the lock is taken and the guard
 * runs, so that a run that could never be approved (no terminal, no --yes) stops at once with
 * a usage error instead of doing the slow part first.
 */
export function assertApprovable(
  input: Pick<ApprovalInput, 'yes' | 'approvedBy' | 'interactive'>,
  what: string,
) {
  if (input.yes) {
    // A blank name records no one: the audit log must say who approved.
    if (!input.approvedBy?.trim())
      throw new UserError(`${what} needs a human approver: add --approved-by NAME to --yes.`);
    return;
  }
  if (!input.interactive) {
    throw new UserError(`${what} needs approval: run it in a terminal, or pass --yes --approved-by NAME.`);
  }
}

/**
 * A human confirms by typing the short SHA or more of it (approvesSha; a stray Enter approves
 * nothing); without a terminal, `--yes --approved-by NAME` records who approved (e.g. the GitHub
 * environment's reviewer). Resolves to the approver's name; a wrong answer throws
 * ApprovalRefused, a stop signal while the prompt waits ApprovalInterrupted (instead of Node's
 * default exit, which would leave the lock file behind and nothing saying the approval was
 * abandoned).
 */
export async function requireApproval(
  input: ApprovalInput,
  what: string,
  sha: string,
  fallbackName: string,
): Promise<string> {
  assertApprovable(input, what);
  if (input.yes) return input.approvedBy as string;
  const short = sha.slice(0, MIN_PREFIX);
  const rl = createInterface({ input: input.stdin, output: input.out, terminal: false });
  const scope = openStopScope();
  try {
    input.out.write(`${what}: type ${short} to approve: `);
    let timer: NodeJS.Timeout | undefined;
    const answer = await new Promise<string | undefined>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
      if (input.timeoutMs !== undefined) timer = setTimeout(() => resolve(undefined), input.timeoutMs);
      scope.stop.addEventListener('abort', () => resolve(undefined), { once: true });
    });
    clearTimeout(timer);
    // The newline that ends the prompt comes with the caller's message, after the refusal is
    // logged: a hung-up terminal (SIGHUP) can fail the write and end the process.
    const signal = scope.signal;
    if (signal) throw new ApprovalInterrupted(signal);
    if (answer === undefined) {
      input.out.write('\n');
      throw new ApprovalRefused(
        `not approved: no answer within ${formatDuration(input.timeoutMs ?? 0)}; nothing was deployed.`,
      );
    }
    if (!approvesSha(answer, sha)) {
      const typed = answer.trim() === '' ? 'nothing was typed' : `"${answer.trim().slice(0, 40)}" was typed`;
      throw new ApprovalRefused(`not approved (expected ${short}, ${typed}); nothing was deployed.`);
    }
  } finally {
    scope.close();
    rl.close();
  }
  return input.approvedBy ?? fallbackName;
}

/**
 * Whether a typed answer approves `sha`: any prefix of it at least as long as the short SHA the
 * prompt shows, in any case, blanks around it ignored. The 12-character form every other line
 * prints and a pasted full SHA are the same deliberate act as the 7 characters asked for;
 * anything shorter (or a bare Enter) is not, and a prefix of another SHA names another commit.
 */
export function approvesSha(answer: string, sha: string): boolean {
  const typed = answer.trim().toLowerCase();
  return typed.length >= MIN_PREFIX && /^[0-9a-f]+$/.test(typed) && sha.toLowerCase().startsWith(typed);
}

function formatDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
