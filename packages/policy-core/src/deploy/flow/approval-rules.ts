import type { Actor } from '../record-schema.js';

/** The shortest answer that approves: git's default abbreviation, what the prompt shows. */
export const MIN_APPROVAL_PREFIX = 7;

/** The text a person types to approve `sha`. */
export function approvalText(sha: string): string {
  return sha.slice(0, MIN_APPROVAL_PREFIX);
}

/**
 * Whether a typed answer approves `sha`: any prefix of it at least as long as the short SHA the
 * prompt shows, in any case, blanks around it ignored. The 12-character form every other line
 * prints and a pasted full SHA are the same deliberate act as the 7 characters asked for;
 * anything shorter (or a bare Enter) is not, and a prefix of another SHA names another commit.
 */
export function approvesSha(answer: string, sha: string): boolean {
  const typed = answer.trim().toLowerCase();
  return (
    typed.length >= MIN_APPROVAL_PREFIX && /^[0-9a-f]+$/.test(typed) && sha.toLowerCase().startsWith(typed)
  );
}

/** The refusal for a wrong answer: what was expected and what was typed. */
export function wrongAnswerMessage(answer: string, sha: string): string {
  const typed = answer.trim() === '' ? 'nothing was typed' : `"${answer.trim().slice(0, 40)}" was typed`;
  return `not approved (expected ${approvalText(sha)}, ${typed}); nothing was deployed.`;
}

/**
 * Who the record and the log name for an approved operation. A person approves as themselves, so
 * a human run is named after the approver. A machine (an agent, a CI job) keeps its own name and
 * kind with the approver beside it: writing only the approver's name under `kind: agent` would
 * label a person an agent and drop the agent that actually ran it.
 */
export function approvedActor(actor: Actor, approvedBy: string): Actor {
  if (actor.kind === 'human' || approvedBy === actor.name) return { ...actor, name: approvedBy };
  return { ...actor, name: `${actor.name}, approved by ${approvedBy}` };
}
