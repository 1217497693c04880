import { spawnSync } from 'node:child_process';
import type { OperationOptions } from '@slipway/policy-core/node';

/**
 * After a deploy command wrote the record or the audit log without `--commit`: the line that says
 * they are not committed yet. A promote from another clone reads the committed record, so one left
 * in a working tree is a deploy the team's next promote does not know about.
 */
export function uncommittedHint(options: OperationOptions): string | undefined {
  if (options.commit || options.dryRun) return undefined;
  const deploy = options.policy.policy.deploy;
  if (!deploy) return undefined;
  const files = [deploy.record, deploy.audit_log].filter((f): f is string => typeof f === 'string');
  const status = spawnSync('git', ['status', '--porcelain', '--', ...files], {
    cwd: options.root,
    encoding: 'utf8',
  });
  if (status.status !== 0 || status.stdout.trim() === '') return undefined;
  return `not committed yet: ${files.join(' and ')}; commit them (git add ${files.join(' ')} && git commit), or pass --commit next time, so that the next promote from any clone knows this one`;
}
