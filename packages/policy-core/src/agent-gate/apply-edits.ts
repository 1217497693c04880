import type { ReplaceEdit } from './tool-call.js';

/**
 * A file's text after an agent's replacements (Claude's Edit and MultiEdit, Cursor's StrReplace,
 * Copilot's str_replace), applied in order as the tool applies them: each `oldText` must be there
 * (once, unless `replaceAll`). Undefined when one is not: the tool then fails and writes nothing.
 * Gemini's replace applies its own way (`gemini-replace.ts`).
 *
 * An empty `oldText` is Claude Code's way to create a file (of these, only Claude's adapter reads one): as
 * the first edit, on a missing file or one holding nothing but whitespace, the file's text becomes
 * `newText` whole, whatever `replaceAll` says; on a file with other text Claude refuses the edit
 * ("Cannot create new file - file already exists."). Claude Code's
 * `src/tools/FileEditTool/FileEditTool.ts` (`validateInput`: `fileContent.trim() !== ''`) and
 * `utils.ts` (`getPatchForEdits`: `edit.old_string === '' ? edit.new_string : …`), read in
 * the `@anthropic-ai/claude-code` 2.1.88 package as published on npm (its source map).
 */
export function applyReplaceEdits(
  text: string | undefined,
  edits: readonly ReplaceEdit[],
): string | undefined {
  let out = text;
  for (const [i, e] of edits.entries()) {
    if (e.oldText === '') {
      // JavaScript's trim, Claude's own: a file of blank lines (CRLF too) counts as empty.
      if (i > 0 || (out !== undefined && out.trim() !== '')) return undefined;
      out = e.newText;
      continue;
    }
    if (out === undefined) return undefined;
    const at = out.indexOf(e.oldText);
    if (at === -1) return undefined;
    if (e.replaceAll) out = out.split(e.oldText).join(e.newText);
    else if (out.indexOf(e.oldText, at + e.oldText.length) !== -1) return undefined;
    else out = out.slice(0, at) + e.newText + out.slice(at + e.oldText.length);
  }
  return out;
}
