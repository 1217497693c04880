import type { Finding } from '../../finding.js';
import { PathMatcher, type PatternSource } from '../../paths/index.js';
import type { CheckContext, RuleMeta } from '../rule.js';

export const stalePattern: RuleMeta = {
  id: 'POL002',
  family: 'POL',
  defaultSeverity: 'warning',
  title: 'path pattern matches no file',
  description:
    'A pattern under `protected.paths` or `agents.allowed` matches no file in the repository. A protection ' +
    'that matches nothing protects nothing: usually a directory was renamed and the policy was not. Fix the ' +
    'pattern, or remove it if the path is gone for good.',
};

/** The policy lists whose patterns must keep matching something. */
const PATTERN_LISTS = [
  ['protected', 'paths'],
  ['agents', 'allowed'],
] as const;

export function checkStalePatterns(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const { policy } = ctx.policy;
  const files = ctx.repo.listFiles();
  for (const [section, key] of PATTERN_LISTS) {
    const list = (policy[section] as Record<string, unknown> | undefined)?.[key] as string[] | undefined;
    if (!list?.length) continue;
    const sources: PatternSource[] = list.map((pattern, i) => ({ pattern, policyPath: [section, key, i] }));
    for (const unused of new PathMatcher(sources).unusedPatterns(files)) {
      if (unused.pattern.startsWith('!')) continue;
      findings.push({
        rule: 'POL002',
        severity: 'warning',
        message: `\`${unused.pattern}\` under \`${section}.${key}\` matches no file in the repository; fix the pattern or remove it.`,
        file: ctx.policy.file,
        range: ctx.policy.locate(unused.policyPath ?? [section, key]),
      });
    }
  }
  return findings;
}
