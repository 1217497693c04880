import { isJsonOrNotebook } from './gemini-json-files.js';
import type { ReplaceEdit } from './tool-call.js';

/**
 * A file's text after Gemini CLI's replace, as its `calculateEdit` computes it; undefined where
 * the gate cannot know it. Source: google-gemini/gemini-cli `packages/core/src/tools/edit.ts`
 * @5411f113 (`calculateEdit`, `calculateReplacement`, `calculateExactReplacement`,
 * `getErrorReplaceResult`, `attemptSelfCorrection`, `restoreTrailingNewline`, `execute`).
 *
 * - An empty `old_string` creates a missing file with `new_string` as given. On a file that exists
 *   Gemini fails the edit (`ATTEMPT_TO_CREATE_EXISTING_FILE`), even an empty one, unlike Claude:
 *   judged with its text unknown, as Claude's is (the file may be gone by the time Gemini runs).
 * - Otherwise the file's CRLFs are read as LF, and so are the two strings'. One exact occurrence
 *   (with `allow_multiple`, any number) is replaced; the file keeps or lacks its final newline as
 *   it did, and is written back with CRLFs if it had any.
 * - When that exact replacement fails (no occurrence, more than allowed, or `old_string` equal to
 *   `new_string`), Gemini tries looser matches (lines trimmed, a regex over the tokens, a
 *   Levenshtein window) and then, unless `tools.disableLLMCorrection` is set (the default from
 *   0.27 on), asks a model to rewrite the edit (`FixLLMEditWithInstruction`), giving it the agent's
 *   own `instruction` and the whole file. That model's text is the agent's wish, not anything the
 *   input says, and no hook learns which settings apply: the text is unknown, refused where a rule
 *   reads it. The one exception is the code's own: a JSON or notebook file is never handed to the
 *   model, so an edit that changes nothing there leaves the file as it is.
 * - `expected_replacements` (the releases before `allow_multiple`) must be the count found; a
 *   later release ignores it and wants one occurrence unless `allow_multiple` says otherwise, so
 *   an input naming both must satisfy both (`replaceAll` carries `allow_multiple`).
 */
export function applyGeminiReplace(
  text: string | undefined,
  edits: readonly ReplaceEdit[],
  path: string,
): string | undefined {
  const [edit, ...more] = edits;
  // replace makes one replacement: anything else is not a call Gemini makes.
  if (edit === undefined || more.length > 0) return undefined;
  if (edit.oldText === '') return text === undefined ? edit.newText : undefined;
  if (text === undefined) return undefined;
  const now = lf(text);
  const oldText = lf(edit.oldText);
  const newText = lf(edit.newText);
  const parts = now.split(oldText);
  const count = parts.length - 1;
  if (count === 0 || (!edit.replaceAll && count > 1)) return undefined;
  if (edit.expected !== undefined && count !== edit.expected) return undefined;
  if (oldText === newText) return isJsonOrNotebook(path) ? text : undefined;
  const out = withFinalNewlineOf(now, parts.join(newText));
  return text.includes('\r\n') ? out.replace(/\r?\n/g, '\r\n') : out;
}

function lf(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/** Gemini's `restoreTrailingNewline`: the result ends in a newline exactly when the file did. */
function withFinalNewlineOf(before: string, after: string): string {
  const had = before.endsWith('\n');
  if (had && !after.endsWith('\n')) return `${after}\n`;
  if (!had && after.endsWith('\n')) return after.slice(0, -1);
  return after;
}
