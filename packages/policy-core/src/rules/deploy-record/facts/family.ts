import type { AnyRule, RuleFamily } from '../../../rule.js';
import { oneRunFamily } from '../../one-run-family.js';
import { recordGitAsks } from './record-git-asks.js';
import { type RecordRun, readRecordFacts } from './record-facts.js';

/** The REC family: the deploy record is valid, true to the repository, and written only by Slipway. */
export function deployRecordFamilyOf(rules: readonly AnyRule[]): RuleFamily {
  return oneRunFamily<RecordRun>('REC', rules, {
    facts: 'deploy-record',
    run(ctx) {
      const record = readRecordFacts(ctx);
      const path = ctx.policy.policy.deploy?.record;
      // Stryker disable next-line ConditionalExpression: REC001's directory finding asks isDirectory again and says nothing without one
      const directory = !record && path !== undefined && ctx.repo.isDirectory?.(path) === true;
      return { ctx, record, directory };
    },
    filesChecked: ({ record }) => (record ? [record.path] : []),
    gitAsks: recordGitAsks,
  });
}
