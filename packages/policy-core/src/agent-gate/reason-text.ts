/**
 * The one paragraph an agent is told when the gate refuses a tool call or asks a person about it,
 * for every agent's adapter alike. The agent shows it to its model (and Claude to the person at
 * its prompt), so it says, for each reason, the rule, the file, what the policy says and where,
 * and what to do instead, in plain words; and it is bounded (LIMITS.agentGate), since the model's
 * context pays for every character. Every part comes from the repository (a path, a policy
 * value, a finding's message) and goes through `printable`: no control character, newline or
 * text-reordering character reaches the agent's terminal or the model as itself.
 */
import { LIMITS } from '../limits.js';
import { printable } from '../output/printable.js';
import type { GateDecision, GateReason } from './tool-call.js';

/**
 * How the answer is put: `deny` refuses, `ask` asks the person at the agent's prompt, and
 * `ask-as-deny` refuses because a person must approve and this agent has no prompt to ask at.
 */
export type ReasonMode = 'deny' | 'ask' | 'ask-as-deny';

const OPENING: Record<ReasonMode, string> = {
  deny: 'Slipway refused this tool call.',
  ask: 'Slipway asks a person to approve this tool call.',
  'ask-as-deny':
    "Slipway refused this tool call: a person must approve it, and this agent's hook cannot ask them. Ask the user to make this change or to approve it.",
};

/** Characters of one part (a message, a path) before it is cut. */
const PART_CHARS = 600;

/** The decision's reasons as one paragraph, at most `LIMITS.agentGate.reasonChars` long. */
export function reasonText(decision: GateDecision, mode: ReasonMode): string {
  const { reasonChars, reasons: most } = LIMITS.agentGate;
  let text = OPENING[mode];
  const shown = decision.reasons.slice(0, most);
  for (const [i, reason] of shown.entries()) {
    const sentence = ` ${reasonSentence(reason)}`;
    const rest = decision.reasons.length - i;
    const more = ` (${rest} more reason${rest === 1 ? '' : 's'} not shown.)`;
    if (text.length + sentence.length + more.length > reasonChars) return text + more;
    text += sentence;
  }
  if (decision.reasons.length > shown.length) {
    text += ` (${decision.reasons.length - shown.length} more reasons not shown.)`;
  }
  return clip(text, reasonChars);
}

/** `[MIG001] db/versions/x.py: the message (slipway.yaml:12). Instead: what to do.` */
function reasonSentence(reason: GateReason): string {
  const rule = `[${part(reason.ruleId, 40)}]`;
  const where = reason.path === undefined ? '' : ` ${part(reason.path, PART_CHARS)}:`;
  const line = reason.policyLine === undefined ? '' : ` (${part(reason.policyLine, 200)})`;
  const message = sentenceEnd(part(reason.message, PART_CHARS));
  return `${rule}${where} ${message}${line} Instead: ${sentenceEnd(part(reason.instead, PART_CHARS))}`;
}

function part(text: string, max: number): string {
  return clip(printable(text).trim(), max);
}

function sentenceEnd(text: string): string {
  return /[.!?\u2026]$/.test(text) ? text : `${text}.`;
}

/**
 * A piece of the input quoted in a sentence about it (`'*** Frobnicate File: x' is not …`):
 * printable and at most 120 characters, so an error about a 30 MB line is one short line.
 */
export function quoted(text: string): string {
  return `'${clip(printable(text), 120)}'`;
}

/** `text` cut to `max` characters with an ellipsis, never between the halves of a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
