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
  // Only the files written (a staging promote writes the log alone): `git add` of one not there fails.
  const written = files.filter((f) => changed.split('\n').some((l) => l.slice(3) === f));
  if (written.length === 0) return undefined;
  // Committed any other way (a plain commit, or with other files), the lines are hand-written deploy
  // state to the next promote (entry-provenance.ts): the trailer, and these files alone.
  const paths = written.join(' ');
  return `not committed yet: ${written.join(' and ')}; commit them alone with Slipway's trailer (git add ${paths} && git commit -m "deploy record" --trailer "Slipway-Event: MANUAL" -- ${paths}), or pass --commit next time, so that the next promote from any clone knows this one and trusts what it verified`;
}
