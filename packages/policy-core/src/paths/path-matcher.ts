import type { Range } from '../finding.js';
import { escapeRegex, globToRegexSource } from './glob-to-regex.js';
import { normalizeRepoPath } from './normalize-path.js';
import { sortedCanonical } from './sorted-listing.js';
import { parsePattern } from './parse-pattern.js';

export interface PatternSource {
  pattern: string;
  /** Where it is written, for explain and `related`. */
  file?: string;
  range?: Range;
  /** Policy key path, e.g. ['protected', 'paths', 2]. */
  policyPath?: readonly (string | number)[];
}

export interface PathDecision {
  matched: boolean;
  /** The pattern that decided (the last one that matched); undefined when none matched. */
  source?: PatternSource;
  index?: number;
  negated?: boolean;
}

interface CompiledPattern {
  source: PatternSource;
  index: number;
  negated: boolean;
  /** `dir/`: matches directories (and what is under them), never a file itself. */
  dirOnly: boolean;
  /** Regex source matching a path when the pattern matches it or one of its parent dirs. */
  re: string;
}

// Matches nothing; stands in for comments and empty patterns so indexes stay aligned.
const NEVER = '(?!)';

/**
 * Each pattern's regex, by pattern and position: what the glob compiles to depends on nothing
 * else. One check builds several matchers over the same patterns (the PATH rules' and the stale
 * pattern rule's), and minimatch's parse is most of the cost of each.
 */
const compiledByPattern = new Map<string, Omit<CompiledPattern, 'source'>>();
const MAX_COMPILED = 2000;

/**
 * A path is tested together with its parent directories in one regex run: the pattern's own
 * regex R must match a prefix of the path that ends at a `/` (a parent directory) or at the end
 * (the path itself). A dir-only pattern needs the `/`, so it never matches a file itself.
 */
function compile(source: PatternSource, index: number, fold: boolean): CompiledPattern {
  const key = `${fold ? 'f' : ''}${index}\0${source.pattern}`;
  let known = compiledByPattern.get(key);
  if (known === undefined) {
    // A bound, not a policy: an editor session sees a new pattern at every keystroke.
    if (compiledByPattern.size >= MAX_COMPILED) compiledByPattern.clear();
    known = compileGlob(fold ? source.pattern.normalize('NFC') : source.pattern, index);
    compiledByPattern.set(key, known);
  }
  return { source, ...known };
}

function compileGlob(pattern: string, index: number): Omit<CompiledPattern, 'source'> {
  const parsed = parsePattern(pattern);
  let re = NEVER;
  if (!parsed.comment && parsed.glob !== '') {
    const body =
      (parsed.anchored && gluedGlobstarBody(parsed.glob, index)) ||
      globToRegexSource(parsed.glob, `p${index}_`);
    const rooted = parsed.anchored ? body : `(?:.*/)?${body}`;
    re = parsed.dirOnly ? `${rooted}/` : `${rooted}(?:/|$)`;
  }
  return { index, negated: parsed.negated, dirOnly: parsed.dirOnly, re };
}

// git's reading of an anchored pattern whose first wildcard is a `**` glued to a name and
// followed by a slash (a**/b): dir.c compares the literal head (a) on its own and hands the
// rest to wildmatch, where a leading `**` plus slash is the whole-directories wildcard. So
// a**/b matches ab, a/x/b and ax/y/b, not just what a*/b would. undefined for every other
// pattern: there gitignore(5)'s plain reading applies and agrees with git.
function gluedGlobstarBody(glob: string, index: number): string | undefined {
  const first = glob.search(/[*?[\\]/);
  if (first <= 0 || glob[first - 1] === '/' || !glob.startsWith('**', first)) return undefined;
  let end = first;
  while (glob[end] === '*') end++;
  if (glob[end] !== '/') return undefined;
  const rest = glob.slice(end + 1);
  const tail = rest === '' ? '.*' : globToRegexSource(rest, `p${index}_`);
  return `${escapeRegex(glob.slice(0, first))}(?:.*/)?${tail}`;
}

export interface PathMatcherOptions {
  /**
   * Match as a file system that folds names would open them: case-insensitively (macOS and
   * Windows by default) and with Unicode names in NFC (macOS stores `café` decomposed). For the
   * lists that protect (protected paths, the policy surface): `CLAUDE.md` written as `claude.md`,
   * or `café/` in NFD, is the same file to the agent's editor on a Mac. Never for the lists that
   * permit (the agents' allow-list): folding there would let more through, not less.
   */
  fold?: boolean;
}

/** A path in NFC; ASCII (nearly every repository path) is returned as it is, untouched. */
const NON_ASCII = /[^\x00-\x7f]/;
const nfc = (p: string): string => (NON_ASCII.test(p) ? p.normalize('NFC') : p);

/**
 * Patterns per regex. V8's cost to compile and run one alternation grows faster than its number
 * of alternatives: one regex over a policy's 4,800 protected globs took seconds to decide a
 * single path, where chunks of a few hundred keep each pattern's cost the same at any count.
 */
const CHUNK = 256;

function chunked<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/**
 * gitignore-style path matching, compiled once: the last matching pattern wins, and a `!`
 * pattern re-includes a path even under an excluded directory (git cannot; Slipway can).
 */
export class PathMatcher {
  readonly patterns: readonly PatternSource[];
  private readonly compiled: CompiledPattern[];
  /** Any pattern (negated or not) matches: the fast "no" for most paths. One regex per chunk. */
  private readonly anyRes: RegExp[];
  /** The patterns in chunks of CHUNK, in order, each chunk with its decider once one is asked. */
  private readonly chunks: CompiledPattern[][];
  /**
   * Per chunk, its patterns from last to first, each followed by an empty named group: the engine
   * takes the first alternative that matches, so the group that participates names the deciding
   * pattern. Built on first use.
   */
  private readonly deciders: (RegExp | undefined)[] = [];
  private readonly hasNegation: boolean;
  private readonly fold: boolean;
  private readonly flags: string;

  constructor(patterns: readonly (string | PatternSource)[], options: PathMatcherOptions = {}) {
    this.fold = options.fold === true;
    this.flags = this.fold ? 'si' : 's';
    this.patterns = patterns.map((p) => (typeof p === 'string' ? { pattern: p } : p));
    this.compiled = this.patterns.map((p, i) => compile(p, i, this.fold));
    this.hasNegation = this.compiled.some((c) => c.negated);
    const live = this.compiled.filter((c) => c.re !== NEVER);
    this.anyRes = chunked(live).map(
      (part) => new RegExp(`^(?:${part.map((c) => c.re).join('|')})`, this.flags),
    );
    this.chunks = chunked(this.compiled);
  }

  private anyMatches(p: string): boolean {
    for (const re of this.anyRes) if (re.test(p)) return true;
    return false;
  }

  private canonical(path: string): string {
    const p = normalizeRepoPath(path);
    return this.fold ? nfc(p) : p;
  }

  /** True when the last pattern matching the path (or a parent directory of it) is not negated. */
  matches(path: string): boolean {
    const p = this.canonical(path);
    if (!this.anyMatches(p)) return false;
    if (!this.hasNegation) return true;
    return this.decide(p)?.negated === false;
  }

  explain(path: string): PathDecision {
    const c = this.decide(this.canonical(path));
    if (c === undefined) return { matched: false };
    return { matched: !c.negated, source: c.source, index: c.index, negated: c.negated };
  }

  /**
   * Patterns that match no path in `paths` (nor any parent dir of one): stale protection.
   * `isDirectory` says which listed paths are directories: git lists a submodule as one path
   * without a `/`, yet `vendor/lib/` covers it as `git check-ignore` does; it is asked only about
   * paths a directory pattern would match.
   */
  unusedPatterns(
    paths: readonly string[] | PathListing,
    isDirectory?: (path: string) => boolean,
  ): PatternSource[] {
    const live = this.compiled.filter((c) => c.re !== NEVER);
    const used = new Set<CompiledPattern>();
    const listing = Array.isArray(paths) ? undefined : (paths as PathListing);
    // Split only if a pattern needs every path: an anchored one asks `under` its prefix.
    let all: readonly string[] | undefined;
    const sorted = () => {
      all ??= sortedCanonical(listing ? listing.all() : (paths as readonly string[]));
      return all;
    };
    const hits = (c: CompiledPattern, re: RegExp, p: string) =>
      re.test(p) || (c.dirOnly && isDirectory !== undefined && re.test(`${p}/`) && isDirectory(p));
    // An anchored pattern can only match paths that start with its literal prefix (the glob up
    // to its first wildcard): in the sorted list those sit together, found by binary search, and
    // the pattern is used as soon as one of them matches. On a 100,000-file repository a pattern
    // whose directory is gone costs a few comparisons instead of a pass over every path.
    const unanchored: { c: CompiledPattern; re: RegExp }[] = [];
    for (const c of live) {
      // Folded, a pattern still looks for its unfolded prefix first (a case variant alone makes
      // it read as unused: a warning about the pattern, never a path let through).
      const re = new RegExp(`^(?:${c.re})`, this.flags);
      const prefix = literalPrefix(c.source.pattern);
      if (prefix === '') {
        unanchored.push({ c, re });
        continue;
      }
      if (listing) {
        for (const p of listing.under(prefix))
          if (hits(c, re, p)) {
            used.add(c);
            break;
          }
        continue;
      }
      const list = sorted();
      for (let i = lowerBound(list, prefix); i < list.length; i++) {
        const p = list[i] as string;
        if (!p.startsWith(prefix)) break;
        if (hits(c, re, p)) {
          used.add(c);
          break;
        }
      }
    }
    // The rest look at every path, together, each retired at its first match.
    let remaining = unanchored;
    const list = remaining.length > 0 ? sorted() : [];
    for (let i = 0; i < list.length && remaining.length > 0; i++) {
      const p = list[i] as string;
      let any = false;
      for (const r of remaining) {
        if (hits(r.c, r.re, p)) {
          used.add(r.c);
          any = true;
        }
      }
      if (any) remaining = remaining.filter((r) => !used.has(r.c));
    }
    return this.compiled.filter((c) => !used.has(c)).map((c) => c.source);
  }

  private decide(p: string): CompiledPattern | undefined {
    // The decider (every pattern with a named group) costs far more to compile than the plain
    // alternation: a path no pattern matches, the common case in a hook call, never builds it.
    if (!this.anyMatches(p)) return undefined;
    // The last chunk holding a match holds the last pattern that matches.
    for (let k = this.chunks.length - 1; k >= 0; k--) {
      const chunk = this.chunks[k] as CompiledPattern[];
      this.deciders[k] ??= new RegExp(
        `^(?:${[...chunk]
          .reverse()
          .map((c) => `${c.re}(?<d${c.index}>)`)
          .join('|')})`,
        this.flags,
      );
      const groups = (this.deciders[k] as RegExp).exec(p)?.groups;
      if (groups === undefined) continue;
      for (let i = chunk.length - 1; i >= 0; i--) {
        const c = chunk[i] as CompiledPattern;
        if (groups[`d${c.index}`] !== undefined) return c;
      }
    }
    return undefined;
  }
}

/**
 * A listing that can say which of its paths start with a prefix without listing them all
 * (JoinedListing, a repository's `filesUnder`). `under` answers canonical paths.
 */
export interface PathListing {
  all(): readonly string[];
  under(prefix: string): Iterable<string>;
}

/** The literal start every path an anchored pattern matches must have ('' when unanchored). */
function literalPrefix(pattern: string): string {
  const parsed = parsePattern(pattern);
  if (!parsed.anchored || parsed.negated) return '';
  const wildcard = parsed.glob.search(/[*?[\\]/);
  return wildcard < 0 ? parsed.glob : parsed.glob.slice(0, wildcard);
}

/** The first index whose path is ≥ `key` (binary search in a sorted list). */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
