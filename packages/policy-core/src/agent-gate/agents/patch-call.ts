/**
 * A patch an agent sends (Codex's apply_patch tool, or run through its shell; Copilot's
 * apply_patch), read by the one patch reader, `../apply-patch.ts`, which follows Codex's own
 * parser: every agent's patch is judged file by file the same way, and a patch it cannot read is
 * refused with the reader's sentence.
 */
import { parseApplyPatch } from '../apply-patch.js';
import type { ToolCall } from '../tool-call.js';
import { InputError } from './input-fields.js';

/** The patch call `text` is; `what` names the patch in the refusal (`the apply_patch patch`). */
export function patchCall(tool: string, text: string, what: string): ToolCall {
  const files = parseApplyPatch(text);
  if (typeof files === 'string') throw new InputError(`${what} cannot be read: ${files}`);
  return { kind: 'patch', tool, files };
}
