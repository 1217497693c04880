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

/**
 * The decision's reasons as one paragraph, at most `LIMITS.agentGate.reasonChars` long. Reasons
 * that differ only by their file (the same rule, policy line, advice and message but for where
 * it names the file: `rm -rf migrations/` touching 57 protected files) are said once, with the
 * other files named after it.
 */
export function reasonText(decision: GateDecision, mode: ReasonMode): string {
  const { reasonChars, reasons: most } = LIMITS.agentGate;
  let text = OPENING[mode];
  const groups = sameAdvice(decision.reasons);
  let left = decision.reasons.length;
  for (const [i, group] of groups.entries()) {
    const more = ` (${left} more reason${left === 1 ? '' : 's'} not shown.)`;
    if (i === most) return text + more;
    const sentence = ` ${reasonSentence(group[0]!)}${sameFor(group.slice(1))}`;
    if (text.length + sentence.length + more.length > reasonChars) return text + more;
    text += sentence;
    left -= group.length;
  }
  return clip(text, reasonChars);
}

/** The reasons grouped by rule, policy line and advice, in the order each group first appears. */
function sameAdvice(reasons: readonly GateReason[]): GateReason[][] {
  const groups = new Map<string, GateReason[]>();
  for (const [i, r] of reasons.entries()) {
    // A reason about no file is its own group: there is nothing to list. Two messages are the
    // same when they differ only where they name their file (a finding's message that says which
    // table is dropped is not the same as one that names another).
    const key =
      r.path === undefined
        ? `#${i}`
        : [r.ruleId, r.policyLine ?? '', r.instead, r.message.split(r.path).join('\u0001')].join('\u0000');
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
}

/** Files listed after a group's first reason. */
const FILES_LISTED = 5;

/** ` The same for 56 more files: a, b, c, d, e (and 51 more).`, or '' for none. */
function sameFor(rest: readonly GateReason[]): string {
  if (rest.length === 0) return '';
  const listed = rest.slice(0, FILES_LISTED).map((r) => part(r.path ?? '', 200));
  const unlisted = rest.length - listed.length;
  const tail = unlisted > 0 ? ` (and ${unlisted} more)` : '';
  return ` The same for ${rest.length} more file${rest.length === 1 ? '' : 's'}: ${listed.join(', ')}${tail}.`;
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
