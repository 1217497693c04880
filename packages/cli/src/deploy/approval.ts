import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { UserError } from '../command.js';

export interface ApprovalInput {
  yes: boolean;
  approvedBy?: string;
  interactive: boolean;
  stdin: Readable;
  out: Writable;
}

/**
 * A human confirms by typing the short SHA (so a stray Enter approves nothing); without a
 * terminal, `--yes --approved-by NAME` records who approved (e.g. the GitHub environment's
 * reviewer). Resolves to the approver's name.
 */
export async function requireApproval(
  input: ApprovalInput,
  what: string,
  sha: string,
  fallbackName: string,
): Promise<string> {
  if (input.yes) {
    if (!input.approvedBy)
      throw new UserError(`${what} needs a human approver: add --approved-by NAME to --yes.`);
    return input.approvedBy;
  }
  if (!input.interactive) {
    throw new UserError(`${what} needs approval: run it in a terminal, or pass --yes --approved-by NAME.`);
  }
  const short = sha.slice(0, 7);
  const rl = createInterface({ input: input.stdin, output: input.out, terminal: false });
  try {
    input.out.write(`${what}: type ${short} to approve: `);
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    if (answer.trim() !== short)
      throw new UserError(`not approved (expected ${short}); nothing was deployed.`, 1);
  } finally {
    rl.close();
  }
  return input.approvedBy ?? fallbackName;
}
