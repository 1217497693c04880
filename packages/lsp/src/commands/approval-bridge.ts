import { printable } from '@slipway/policy-core';
import { MessageType, ShowMessageRequest } from 'vscode-languageserver/node';
import type { ServerContext } from '../context.js';

export interface ApprovalQuestion {
  /** What is about to happen: "promote 1a2b3c4d5e6f to production". */
  what: string;
  /** The commit the person approves. */
  sha: string;
  /** What the person types to approve (the short SHA). */
  expect: string;
}

export interface ApprovalReply {
  approved: boolean;
  /** What the person typed or chose, for the refusal message and the audit log. */
  answer: string;
}

/**
 * Asks a person to approve. The extension passes what was typed in its input box (`typed`):
 * nothing is asked, and the flow checks the text against the SHA. Any other client is asked
 * with `window/showMessageRequest`, whose "Approve 1a2b3c4" action names the commit so the
 * person sees what they approve; no answer or "Cancel" is a refusal.
 */
export async function askApproval(
  ctx: ServerContext,
  question: ApprovalQuestion,
  typed: string | undefined,
  signal: AbortSignal,
): Promise<ApprovalReply> {
  if (typed !== undefined) return { approved: true, answer: typed.trim() };
  const approve = `Approve ${question.expect}`;
  const asked = ctx.connection.sendRequest(ShowMessageRequest.type, {
    type: MessageType.Warning,
    message: printable(`Slipway: ${question.what}? This needs a person's approval.`),
    actions: [{ title: approve }, { title: 'Cancel' }],
  });
  const cancelled = new Promise<null>((resolve) => {
    if (signal.aborted) resolve(null);
    signal.addEventListener('abort', () => resolve(null), { once: true });
  });
  const chosen = await Promise.race([asked, cancelled]).catch(() => null);
  const title = chosen?.title ?? '';
  return { approved: title === approve, answer: title || 'no answer' };
}
