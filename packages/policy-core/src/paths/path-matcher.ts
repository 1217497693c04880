import type { Range } from '../finding.js';
import { globToRegexSource } from './glob-to-regex.js';
import { normalizeRepoPath } from './normalize-path.js';
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
  /** Regex source matching a path when the pattern matches it or one of its parent dirs. */
  re: string;
}

// Matches nothing; stands in for comments and empty patterns so indexes stay aligned.
const NEVER = '(?!)';

/**
 * A path is tested together with its parent directories in one regex run: the pattern's own
 * regex R must match a prefix of the path that ends at a `/` (a parent directory) or at the end
 * (the path itself). A dir-only pattern needs the `/`, so it never matches a file itself.
 */
function compile(source: PatternSource, index: number): CompiledPattern {
  const parsed = parsePattern(source.pattern);
  let re = NEVER;
  if (!parsed.comment && parsed.glob !== '') {
    const body = globToRegexSource(parsed.glob, `p${index}_`);
    const rooted = parsed.anchored ? body : `(?:.*/)?${body}`;
    re = parsed.dirOnly ? `${rooted}/` : `${rooted}(?:/|$)`;
  }
  return { source, index, negated: parsed.negated, re };
}

/**
 * gitignore-style path matching, compiled once: the last matching pattern wins, and a `!`
 * pattern re-includes a path even under an excluded directory (git cannot; Slipway can).
 */
export class PathMatcher {
  readonly patterns: readonly PatternSource[];
  private readonly compiled: CompiledPattern[];
  /** Any pattern (negated or not) matches: the fast "no" for most paths. */
  private readonly anyRe: RegExp;
  /**
   * Patterns from last to first, each followed by an empty named group: the engine takes the
   * first alternative that matches, so the group that participates names the deciding pattern.
   */
  private readonly deciderRe: RegExp;
  private readonly hasNegation: boolean;

  constructor(patterns: readonly (string | PatternSource)[]) {
    this.patterns = patterns.map((p) => (typeof p === 'string' ? { pattern: p } : p));
    this.compiled = this.patterns.map(compile);
    this.hasNegation = this.compiled.some((c) => c.negated);
    const live = this.compiled.filter((c) => c.re !== NEVER);
    this.anyRe = new RegExp(`^(?:${live.map((c) => c.re).join('|') || NEVER})`, 's');
    const reversed = [...this.compiled].reverse();
    this.deciderRe = new RegExp(
      `^(?:${reversed.map((c) => `${c.re}(?<d${c.index}>)`).join('|') || NEVER})`,
      's',
    );
  }

  /** True when the last pattern matching the path (or a parent directory of it) is not negated. */
  matches(path: string): boolean {
    const p = normalizeRepoPath(path);
    if (!this.anyRe.test(p)) return false;
    if (!this.hasNegation) return true;
    return this.decide(p)?.negated === false;
  }

  explain(path: string): PathDecision {
    const c = this.decide(normalizeRepoPath(path));
    if (c === undefined) return { matched: false };
    return { matched: !c.negated, source: c.source, index: c.index, negated: c.negated };
  }

  /** Patterns that match no path in `paths` (nor any parent dir of one): stale protection. */
  unusedPatterns(paths: Iterable<string>): PatternSource[] {
    // An anchored pattern can only match paths that start with its literal prefix (the glob up
    // to its first wildcard), so a cheap startsWith filters what its regex must look at; a
    // pattern is retired at its first match. On a 100,000-file repository this is one pass.
    let remaining = this.compiled
      .filter((c) => c.re !== NEVER)
      .map((c) => ({ c, prefix: literalPrefix(c.source.pattern), re: new RegExp(`^(?:${c.re})`, 's') }));
    for (const raw of paths) {
      if (remaining.length === 0) break;
      const p = normalizeRepoPath(raw);
      for (const r of remaining) {
        if (p.startsWith(r.prefix) && r.re.test(p)) {
          remaining = remaining.filter((x) => x !== r && !(p.startsWith(x.prefix) && x.re.test(p)));
          break;
        }
      }
    }
    const unused = new Set(remaining.map((r) => r.c));
    return this.compiled.filter((c) => c.re === NEVER || unused.has(c)).map((c) => c.source);
  }

  private decide(p: string): CompiledPattern | undefined {
    const groups = this.deciderRe.exec(p)?.groups;
    if (groups === undefined) return undefined;
    for (let i = this.compiled.length - 1; i >= 0; i--)
      if (groups[`d${i}`] !== undefined) return this.compiled[i];
    return undefined;
  }
}

/** The literal start every path an anchored pattern matches must have ('' when unanchored). */
function literalPrefix(pattern: string): string {
  const parsed = parsePattern(pattern);
  if (!parsed.anchored || parsed.negated) return '';
  const wildcard = parsed.glob.search(/[*?[\\]/);
  return wildcard < 0 ? parsed.glob : parsed.glob.slice(0, wildcard);
}
