import type { AnyRule, Rule, RuleFamily } from '../../../rule.js';
import { type RecordRun, readRecordFacts } from './record-facts.js';

/** The REC family: the deploy record is valid, true to the repository, and written only by Slipway. */
export function deployRecordFamilyOf(rules: readonly AnyRule[]): RuleFamily {
  return {
    id: 'REC',
    rules,
    check(ctx) {
      const record = readRecordFacts(ctx);
      const path = ctx.policy.policy.deploy?.record;
      const directory = !record && path !== undefined && ctx.repo.isDirectory?.(path) === true;
      const run: RecordRun = { ctx, record, directory };
      return {
        findings: (this.rules as Rule<RecordRun>[]).flatMap((r) => r.check(run)),
        filesChecked: record ? [record.path] : [],
      };
    },
  };
}
