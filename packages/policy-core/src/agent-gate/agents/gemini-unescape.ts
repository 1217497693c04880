/**
 * The text Gemini CLI's write_file may write instead of the one its input gives: it takes an
 * escape in the model's text for the model's mistake and writes it unescaped (`\n` as a newline,
 * `\"` as `"`), without a model call (`aggressiveUnescape`, for the models it names) or through
 * one (`tools.disableLLMCorrection: false`), except in JSON and notebook files. A comment line
 * `-- x\nDROP TABLE users;` is a comment as given and a DROP TABLE as written. Sources:
 * google-gemini/gemini-cli `packages/core/src/utils/editCorrector.ts`
 * (`ensureCorrectFileContent`, `unescapeStringForGeminiBug`) and `packages/core/src/tools/write-file.ts`
 * (`getCorrectedFileContent`), read November 2026.
 */

/** Where write_file does not unescape (`isJsonOrIpynb`). */
const AS_GIVEN = ['.json', '.ipynb', '.jsonc', '.json5'];

/** The unescaped text write_file may write for `content` at `path`; undefined when it writes the text as given. */
export function geminiUnescaped(path: string, content: string): string | undefined {
  const dot = path.lastIndexOf('.');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const ext = dot > slash ? path.slice(dot).toLowerCase() : '';
  if (AS_GIVEN.includes(ext)) return undefined;
  const unescaped = content.replace(OVER_ESCAPED, (_match, c: string) => UNESCAPED[c] ?? c);
  return unescaped === content ? undefined : unescaped;
}

/** Gemini's own expression: one or more backslashes, then the character they escape. */
const OVER_ESCAPED = /\\+(n|t|r|'|"|`|\\|\n)/g;
const UNESCAPED: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\n': '\n' };
