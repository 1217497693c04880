import { MessageType, ShowMessageRequest } from 'vscode-languageserver/node';
import type { ServerContext } from '../context.js';

/** The shortest answer that approves: git's default abbreviation, what the question shows. */
const MIN_PREFIX = 7;

export interface ApprovalQuestion {
  /** What is about to happen: "promote 1a2b3c4d5e6f to production". */
  what: string;
  /** The commit the person approves. */
  sha: string;
}

export interface ApprovalReply {
  approved: boolean;
  /** What the person typed or chose, for the refusal message and the audit log. */
  answer: string;
}

/** A typed answer approves when it is the short SHA or more of it (a stray Enter approves nothing). */
export function approvesSha(answer: string, sha: string): boolean {
  const a = answer.trim().toLowerCase();
  return a.length >= MIN_PREFIX && sha.toLowerCase().startsWith(a);
}

/**
 * Asks a person to approve. The extension passes what was typed in its input box (`typed`);
 * any other client is asked with `window/showMessageRequest`, whose "Approve 1a2b3c4" action
 * names the commit so the person sees what they approve. No answer, "Cancel" or a wrong SHA is
 * a refusal.
 */
export async function askApproval(
  ctx: ServerContext,
  question: ApprovalQuestion,
  typed: string | undefined,
  signal: AbortSignal,
): Promise<ApprovalReply> {
  if (typed !== undefined) return { approved: approvesSha(typed, question.sha), answer: typed.trim() };
  const short = question.sha.slice(0, MIN_PREFIX);
  const approve = `Approve ${short}`;
  const asked = ctx.connection.sendRequest(ShowMessageRequest.type, {
    type: MessageType.Warning,
    message: `Slipway: ${question.what}? This needs a person's approval.`,
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
