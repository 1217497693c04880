import type { Finding } from '../../../finding.js';
import type { AnyRule, Rule, RuleFamily } from '../../../rule.js';
import { LockMatch } from './lock-match.js';
import { dependencyPairs, loadPair } from './pair-facts.js';
import type { PairRun } from './pair-run.js';

/**
 * The DEP family: every requirement pinned with `==`, the lock mirroring the requirements, and a
 * label on any change to either. Each configured requirements/lock pair is loaded and matched
 * once and checked on its own; a file shared by two pairs reports a problem once.
 */
export function dependencyFamilyOf(rules: readonly AnyRule[]): RuleFamily {
  return {
    id: 'DEP',
    rules,
    check(ctx) {
      const findings: Finding[] = [];
      const seen = new Set<string>();
      const read = new Set<string>();
      for (const { pair, path } of dependencyPairs(ctx)) {
        const facts = loadPair(ctx, pair, path);
        const run: PairRun = { ctx, pair: facts, match: new LockMatch(facts) };
        for (const p of facts.read) read.add(p);
        for (const f of (this.rules as Rule<PairRun>[]).flatMap((r) => r.check(run))) {
          const key = `${f.rule}\u0000${f.file}\u0000${f.range.start.line}:${f.range.start.character}\u0000${f.message}`;
          if (seen.has(key)) continue;
          seen.add(key);
          findings.push(f);
        }
      }
      return { findings, filesChecked: [...read] };
    },
  };
}
