import { normalizeRepoPath } from './normalize-path.js';

// A module of its own so that the CLI's entry point (fs-repo.ts, started before the rest of the
// bundle loads) can mark git's listing without loading the pattern matcher and minimatch.

// The canonical, sorted form of a file list, kept per list: POL002 asks once for each pattern
// list, and the language server asks again about the same listing after every edit.
const sortedLists = new WeakMap<readonly string[], readonly string[]>();

/**
 * Records that `paths` is already canonical and in order (non-decreasing), so that the first
 * question about it skips the checking pass: for a producer that knows it, such as a listing
 * from `git ls-files` whose bytes were checked (see fs-repo.ts). A list wrongly marked would
 * make stale-pattern answers wrong, so only mark what is certain.
 */
export function markSortedCanonical(paths: readonly string[]): void {
  sortedLists.set(paths, paths);
}

/**
 * `paths` normalised and sorted by UTF-16 code units (what `<` and `startsWith` compare). A list
 * from `git ls-files` is already both (git sorts by bytes, which agrees for all but a few exotic
 * names), so one pass that checks it is all the usual case costs; anything else is fixed in a copy.
 * @internal
 */
export function sortedCanonical(paths: readonly string[]): readonly string[] {
  const known = sortedLists.get(paths);
  if (known !== undefined) return known;
  let ok = true;
  for (let i = 0; i < paths.length && ok; i++) {
    const p = paths[i] as string;
    ok = normalizeRepoPath(p) === p && (i === 0 || (paths[i - 1] as string) < p);
  }
  const sorted = ok ? paths : [...new Set(paths.map(normalizeRepoPath))].sort();
  sortedLists.set(paths, sorted);
  return sorted;
}
