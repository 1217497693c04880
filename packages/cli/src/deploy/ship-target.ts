import { type DeploySection, isSlipwayCommit } from '@slipway/policy-core';
import { runGit } from '@slipway/policy-core/node';

/** How far back past Slipway's own record commits the default SHA looks. */
const MAX_RECORD_COMMITS = 50;

export interface ShipTarget {
  sha: string;
  /** Record commits Slipway made that were skipped to reach `sha` (newest first). */
  skipped: string[];
}

/**
 * What `slipway promote` ships when no SHA is given: HEAD, unless HEAD is a record commit that
 * `--commit` made (a `Slipway-Event:` trailer, changing only the record and the audit log). Such
 * a commit is not a release: it only says what happened to the one below it. Without this,
 * `promote --env staging --commit` followed by `promote --env production` would ask production
 * for the record commit, which staging never verified. One git process reads the first-parent
 * chain with each commit's message and paths.
 */
export async function defaultShipTarget(
  root: string,
  deploy: DeploySection,
  head: string,
): Promise<ShipTarget> {
  const r = await runGit(root, [
    'log',
    '--first-parent',
    `-n${MAX_RECORD_COMMITS + 1}`,
    '--format=%x1e%H%x1f%b%x1f',
    '--name-only',
    '--no-renames',
    head,
  ]);
  const skipped: string[] = [];
  for (const chunk of r.stdout.toString('utf8').split('\x1e').slice(1)) {
    const [sha = '', body = '', names = ''] = chunk.split('\x1f');
    const paths = names.split('\n').filter(Boolean);
    const recordOnly = paths.length > 0 && paths.every((p) => p === deploy.record || p === deploy.audit_log);
    if (!recordOnly || !isSlipwayCommit({ body })) return { sha, skipped };
    skipped.push(sha);
  }
  // Only record commits as far as we looked (or the root): HEAD is what the user has.
  return { sha: head, skipped: [] };
}
