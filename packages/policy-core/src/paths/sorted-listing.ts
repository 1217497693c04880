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

/**
 * A file listing kept as git wrote it: one string, the paths separated by NUL, canonical and in
 * UTF-16 order (the caller checks, see fs-repo.ts). Questions about a prefix are answered by
 * binary search over the string, making strings only of the paths they return. Why: a check of
 * a paths-only policy asks the listing only which paths start with each pattern's literal
 * prefix (POL002); splitting a 100,000-file listing into strings, and the garbage collection
 * that follows, was 10–20 ms of such a check. The whole list is split once, only if asked for.
 */
export class JoinedListing {
  private split: readonly string[] | undefined;

  constructor(private readonly text: string) {}

  /** Every path, in order (split on first use). */
  all(): readonly string[] {
    if (this.split === undefined) {
      this.split = this.text === '' ? [] : this.text.split('\0');
      markSortedCanonical(this.split);
    }
    return this.split;
  }

  /** The paths that start with `prefix`, in order, made one by one (a caller may stop early). */
  *under(prefix: string): Generator<string> {
    const s = this.text;
    // Offsets lo and hi are always at the start of a path (or the end): the answer is the first
    // path not below `prefix`.
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = s.lastIndexOf('\0', mid - 1) + 1;
      const nul = s.indexOf('\0', start);
      const end = nul === -1 ? s.length : nul;
      if (s.slice(start, end) < prefix) lo = end + 1;
      else hi = start;
    }
    for (let at = lo; at < s.length && s.startsWith(prefix, at); ) {
      const nul = s.indexOf('\0', at);
      const end = nul === -1 ? s.length : nul;
      yield s.slice(at, end);
      at = end + 1;
    }
  }
}
