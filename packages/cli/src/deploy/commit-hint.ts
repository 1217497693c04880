import { GitError, type OperationOptions, runGitSync } from '@slipway/policy-core/node';

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
  let changed: string;
  try {
    changed = runGitSync(options.root, ['status', '--porcelain', '--', ...files]).stdout.toString('utf8');
  } catch (err) {
    // A hint is not worth failing a deploy that succeeded: git's trouble is said elsewhere.
    if (err instanceof GitError) return undefined;
    throw err;
  }
  if (changed.trim() === '') return undefined;
  return `not committed yet: ${files.join(' and ')}; commit them (git add ${files.join(' ')} && git commit), or pass --commit next time, so that the next promote from any clone knows this one`;
}
