import { normalizeRepoPath, type PathDecision } from '../../../paths/index.js';
import type { PolicyDocument } from '../../../policy/document.js';
import { pathPolicy } from '../../../policy/path-policy.js';

export interface PathListVerdict {
  /** The policy list, e.g. 'protected.paths'. */
  list: 'protected.paths' | 'agents.allowed';
  decision: PathDecision;
  /** 1-based line of the deciding pattern (or of the list when none decided). */
  line: number;
}

export interface PathExplanation {
  path: string;
  verdicts: PathListVerdict[];
  /** One sentence per list, for `slipway explain <path>` and hovers. */
  lines: string[];
}

/**
 * Why a path is (or is not) protected and inside what agents may edit: which pattern on which
 * policy line decided. Lists the policy does not have are left out.
 */
export function explainPath(doc: PolicyDocument, rawPath: string): PathExplanation {
  const path = normalizeRepoPath(rawPath);
  const pp = pathPolicy(doc);
  const verdicts: PathListVerdict[] = [];
  const lines: string[] = [];
  const lists = [
    ['protected.paths', pp.protectedMatcher, ['protected', 'paths'], 'protected', 'not protected'],
    [
      'agents.allowed',
      pp.allowedMatcher,
      ['agents', 'allowed'],
      'agents may edit it',
      'agents may not edit it',
    ],
  ] as const;
  for (const [list, matcher, key, yes, no] of lists) {
    if (matcher === undefined) continue;
    const decision = matcher.explain(path);
    const where = decision.source?.policyPath;
    const line = (where ? doc.locate(where, 'value') : doc.locate(key, 'key')).start.line + 1;
    verdicts.push({ list, decision, line });
    const because =
      decision.source === undefined
        ? `no pattern in ${list} matches (${doc.file} line ${line})`
        : `pattern \`${decision.source.pattern}\` decided (${doc.file} line ${line})`;
    lines.push(`${path}: ${decision.matched ? yes : no}: ${because}`);
  }
  return { path, verdicts, lines };
}
