/**
 * The texts Gemini CLI may write instead of the ones its input gives: it takes an escape in the
 * model's text for the model's mistake and writes it unescaped (`\n` as a newline, `\"` as `"`). A
 * comment line `-- x\nDROP TABLE users;` is a comment as given and a DROP TABLE as written. Each
 * such text is another call the gate judges (`HookInput.alternatives`), the strictest answer given.
 *
 * - write_file: without a model call (`aggressiveUnescape`, for the models it names) or through
 *   one (`tools.disableLLMCorrection: false`), except in JSON and notebook files.
 *   google-gemini/gemini-cli `packages/core/src/utils/editCorrector.ts` (`ensureCorrectFileContent`,
 *   `unescapeStringForGeminiBug`) and `packages/core/src/tools/write-file.ts`
 *   (`getCorrectedFileContent`) @5411f113.
 * - replace, in the releases whose replace ran `ensureCorrectEdit` (up to 0.23, with
 *   `useSmartEdit: false`; hooks came in 0.19): a `new_string` that Gemini's expression changes is
 *   handed to a model told only to correct its escaping (`correctNewStringEscaping`, given the two
 *   strings and nothing else, the input kept when it answers nothing), in every kind of file. The
 *   text it is asked for is the unescaped one, judged here, as write_file's model correction is.
 *   `packages/core/src/utils/editCorrector.ts` and `packages/core/src/tools/edit.ts` @d3563e2f.
 *   An empty `old_string` creates the file with `new_string` as given, corrected by nothing. Later
 *   releases unescape nothing in replace; what their model may rewrite is `gemini-replace.ts`'s.
 */
import { isJsonOrNotebook } from '../gemini-json-files.js';
import type { ToolCall } from '../tool-call.js';

/** The calls Gemini may make of `call` with its text unescaped; undefined when there are none. */
export function geminiAlternatives(call: ToolCall): ToolCall[] | undefined {
  if (call.kind === 'write' && call.content !== undefined) {
    const unescaped = geminiUnescaped(call.path, call.content);
    return unescaped === undefined ? undefined : [{ ...call, content: unescaped }];
  }
  if (call.kind === 'edit' && call.edits.length === 1 && call.edits[0]!.oldText !== '') {
    const edit = call.edits[0]!;
    const newText = unescapedAsGemini(edit.newText);
    return newText === edit.newText ? undefined : [{ ...call, edits: [{ ...edit, newText }] }];
  }
  return undefined;
}

/** The unescaped text write_file may write for `content` at `path`; undefined when it writes the text as given. */
export function geminiUnescaped(path: string, content: string): string | undefined {
  if (isJsonOrNotebook(path)) return undefined;
  const unescaped = unescapedAsGemini(content);
  return unescaped === content ? undefined : unescaped;
}

/** `text` as Gemini's `unescapeStringForGeminiBug` leaves it. */
function unescapedAsGemini(text: string): string {
  return text.replace(OVER_ESCAPED, (_match, c: string) => UNESCAPED[c] ?? c);
}

/** Gemini's own expression: one or more backslashes, then the character they escape. */
const OVER_ESCAPED = /\\+(n|t|r|'|"|`|\\|\n)/g;
const UNESCAPED: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\n': '\n' };
