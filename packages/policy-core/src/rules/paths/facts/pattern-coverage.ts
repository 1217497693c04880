import type { PolicyDocument } from '../../../policy/document.js';
import { pathPolicy } from '../../../policy/path-policy.js';

/** What one path pattern of the policy decides over the repository's files. */
export interface PatternCoverage {
  list: 'protected.paths' | 'agents.allowed';
  pattern: string;
  /** 0-based line and the character range of the pattern in the policy file. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** `!pattern`: the files it decides are taken back out of the list. */
  negated: boolean;
  /** Files for which this pattern is the one that decides (the last that matches, as in .gitignore). */
  decides: number;
  /** A few of them, in file order. */
  examples: string[];
}

const cache = new WeakMap<PolicyDocument, { files: readonly string[]; result: PatternCoverage[] }>();

/**
 * For every pattern of `protected.paths` and `agents.allowed`: how many files it decides and a
 * few examples, with the same matcher the rules and `slipway explain` use. A pattern that
 * decides nothing is either stale or always overridden by a later one.
 */
export function patternCoverage(
  doc: PolicyDocument,
  files: readonly string[],
  maxExamples = 5,
): PatternCoverage[] {
  const hit = cache.get(doc);
  if (hit && hit.files === files) return hit.result;
  const pp = pathPolicy(doc);
  const result: PatternCoverage[] = [];
  const lists = [
    // Stryker disable next-line ArrayDeclaration: a list the policy lacks has no matcher, and is skipped before its patterns are read
    ['protected.paths', pp.protectedMatcher, doc.policy.protected?.paths ?? [], ['protected', 'paths']],
    // Stryker disable next-line ArrayDeclaration: as above
    ['agents.allowed', pp.allowedMatcher, doc.policy.agents?.allowed ?? [], ['agents', 'allowed']],
  ] as const;
  for (const [list, matcher, patterns, key] of lists) {
    if (!matcher) continue;
    const entries: PatternCoverage[] = patterns.map((pattern, i) => ({
      list,
      pattern,
      // Stryker disable next-line StringLiteral: a list entry has no key of its own: the YAML and TOML locators answer its value for either part
      range: doc.locate([...key, i], 'value'),
      negated: pattern.startsWith('!'),
      decides: 0,
      examples: [],
    }));
    for (const file of files) {
      const index = matcher.explain(file).index;
      // Stryker disable next-line ConditionalExpression: entries[undefined] is undefined too; the test is for the type
      const entry = index === undefined ? undefined : entries[index];
      if (!entry) continue;
      entry.decides++;
      if (entry.examples.length < maxExamples) entry.examples.push(file);
    }
    result.push(...entries);
  }
  cache.set(doc, { files, result });
  return result;
}
