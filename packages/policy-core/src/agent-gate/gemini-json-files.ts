/**
 * The files Gemini CLI leaves its correctors out of (`isJsonOrIpynb`): write_file writes their text
 * as given, unescaping nothing, and replace never hands a failed edit of one to a model to rewrite.
 * Source: google-gemini/gemini-cli `packages/core/src/tools/write-file.ts` and
 * `packages/core/src/tools/edit.ts` (`calculateEdit`) @5411f113.
 */
const AS_GIVEN = ['.json', '.ipynb', '.jsonc', '.json5'];

/** Whether `path` ends in one of those extensions (Node's `extname`, lowercased: `.a.json` is one, `.json` alone is not). */
export function isJsonOrNotebook(path: string): boolean {
  const dot = path.lastIndexOf('.');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return dot > slash + 1 && AS_GIVEN.includes(path.slice(dot).toLowerCase());
}
