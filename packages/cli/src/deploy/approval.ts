import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { type ApprovalAnswer, type ApprovalRequest, printable } from '@slipway/policy-core';
import { openStopScope } from '@slipway/policy-core/node';

export interface TerminalApprovalInput {
  stdin: Readable;
  out: Writable;
  /**
   * How long the prompt waits. The deploy lock is held meanwhile (and watch does not act while
   * it is held), so a prompt left open must end, as a refusal.
   */
  timeoutMs?: number;
  /** Set when an answer was cut off mid-line: the next line printed starts on a fresh one. */
  midLine: { value: boolean };
}

/**
 * The terminal's `approve` callback: shows "<what>: type <short sha> to approve: " and reads one
 * line. The deploy layer checks the answer (any prefix of the SHA at least as long as the short
 * one approves). A stop signal while the prompt waits abandons it (instead of Node's default
 * exit, which would leave the lock file behind and nothing saying the approval was abandoned);
 * no answer within the timeout refuses.
 */
export function terminalApprove(input: TerminalApprovalInput) {
  return async (req: ApprovalRequest): Promise<ApprovalAnswer> => {
    const rl = createInterface({ input: input.stdin, output: input.out, terminal: false });
    const scope = openStopScope();
    try {
      input.out.write(printable(`${req.what}: type ${req.expect} to approve: `));
      let timer: NodeJS.Timeout | undefined;
      const answer = await new Promise<string | undefined>((resolve) => {
        rl.once('line', resolve);
        rl.once('close', () => resolve(''));
        if (input.timeoutMs !== undefined) timer = setTimeout(() => resolve(undefined), input.timeoutMs);
        scope.stop.addEventListener('abort', () => resolve(undefined), { once: true });
      });
      clearTimeout(timer);
      // The newline that ends the prompt comes with the next message, after the refusal is
      // logged: a hung-up terminal (SIGHUP) can fail the write and end the process.
      if (scope.signal) {
        input.midLine.value = true;
        return { approved: false, interrupted: scope.signal };
      }
      if (answer === undefined) {
        input.out.write('\n');
        return { approved: false, reason: `no answer within ${formatDuration(input.timeoutMs ?? 0)}` };
      }
      return { approved: true, typed: answer };
    } finally {
      scope.close();
      rl.close();
    }
  };
}

function formatDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
