/**
 * Where Gemini CLI's `replace` may land a relative `file_path` it does not find where it points:
 * it looks through the workspace for a file of that name whose path ends with the path given
 * (`correctPath`: a breadth-first search of at most 50 folders, files its ignore rules hide left
 * out) and, when exactly one is found, edits that one. So `replace` of `x.sql` from the project
 * root may edit `db/migrations/x.sql`. Which one its capped search finds first is Gemini's
 * business: every repository file that could be it is a candidate, and each is judged.
 * google-gemini/gemini-cli @5411f113: packages/core/src/utils/pathCorrector.ts (`correctPath`),
 * packages/core/src/tools/edit.ts (a relative `file_path` goes through it).
 */
export function geminiSearchCandidates(given: string, listing: Iterable<string>): string[] {
  const wanted = given.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (wanted === '' || wanted.startsWith('/') || wanted.split('/').includes('..')) return [];
  const name = wanted.slice(wanted.lastIndexOf('/') + 1);
  const out: string[] = [];
  for (const path of listing) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (base === name && path.endsWith(wanted) && path !== wanted) out.push(path);
  }
  return out;
}
