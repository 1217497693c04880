import type { ReplaceEdit } from './tool-call.js';

/**
 * A file's text after an agent's replacements (Claude's Edit and MultiEdit, Gemini's replace),
 * applied in order as the tool applies them: each `oldText` must be there (once, unless
 * `replaceAll`). Undefined when one is not: the tool then fails and writes nothing. An empty
 * `oldText` on a missing file creates it (Claude's Edit does).
 */
export function applyReplaceEdits(
  text: string | undefined,
  edits: readonly ReplaceEdit[],
): string | undefined {
  let out = text;
  for (const e of edits) {
    if (out === undefined) {
      if (e.oldText !== '') return undefined;
      out = e.newText;
      continue;
    }
    if (e.oldText === '') return undefined;
    const at = out.indexOf(e.oldText);
    if (at === -1) return undefined;
    if (e.replaceAll) out = out.split(e.oldText).join(e.newText);
    else if (out.indexOf(e.oldText, at + e.oldText.length) !== -1) return undefined;
    else out = out.slice(0, at) + e.newText + out.slice(at + e.oldText.length);
  }
  return out;
}
