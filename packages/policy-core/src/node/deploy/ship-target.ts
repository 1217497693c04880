import { DeployError, type DeploySection, isSlipwayCommit, pathsBeyondRecord } from '../../index.js';
import { type GitResult, runGit } from '../git/run-git.js';
import { resolveCommit } from './git-ops.js';

/** How far back past Slipway's own record commits the default SHA looks. */
const MAX_RECORD_COMMITS = 200;

export interface ShipTarget {
  sha: string;
  /** Record commits Slipway made that were skipped to reach `sha` (newest first). */
  skipped: string[];
}

const logArgs = (head: string) => [
  'log',
  '--first-parent',
  `-n${MAX_RECORD_COMMITS + 1}`,
  '--format=%x1e%H%x1f%b%x1f',
  '--name-only',
  '--no-renames',
  `${head}^{commit}`,
  '--',
];

/**
 * The one git process defaultShipTarget reads (`head`'s first-parent chain), started on its own:
 * the CLI starts it for HEAD as soon as it knows the repository (early-promote-reads.ts).
 */
export function shipLog(root: string, head: string): Promise<GitResult> {
  const log = runGit(root, logArgs(head), { okCodes: [128] });
  log.catch(() => {}); // met where it is awaited
  return log;
}

/**
 * What `slipway promote` ships when no SHA is given: HEAD, unless HEAD is a record commit that
 * `--commit` made (a `Slipway-Event:` trailer, changing only the record and the audit log). Such
 * a commit is not a release: it only says what happened to the one below it. Without this,
 * `promote --env staging --commit` followed by `promote --env production` would ask production
 * for the record commit, which staging never verified. One git process reads the first-parent
 * chain with each commit's message and paths; its first commit is what `head` (a ref: HEAD, a
 * branch) resolves to, so no rev-parse has to run, and wait, before it.
 */
export async function defaultShipTarget(
  root: string,
  deploy: DeploySection,
  head: string,
  /** shipLog(root, head), when the caller started it earlier. */
  started: Promise<GitResult> = shipLog(root, head),
): Promise<ShipTarget> {
  let r = await started;
  if (r.code !== 0) {
    // No such commit (an empty repository, an unborn branch): resolveCommit says so in one line.
    await resolveCommit(root, head);
    r = await runGit(root, logArgs(head));
  }
  const skipped: string[] = [];
  const chunks = r.stdout.toString('utf8').split('\x1e').slice(1);
  for (const chunk of chunks) {
    const [sha = '', body = '', names = ''] = chunk.split('\x1f');
    const paths = names.split('\n').filter(Boolean);
    const recordOnly = paths.length > 0 && pathsBeyondRecord(paths, deploy).length === 0;
    if (!recordOnly || !isSlipwayCommit({ body })) return { sha, skipped };
    skipped.push(sha);
  }
  // More record commits in a row than anyone should walk past unasked: say so, never pick one.
  if (chunks.length > MAX_RECORD_COMMITS)
    throw new DeployError(
      'usage',
      `HEAD is more than ${MAX_RECORD_COMMITS} record commits Slipway made in a row; pass the SHA to ship (slipway promote <sha> ...).`,
    );
  // Only record commits down to the root: HEAD is what the user has.
  return { sha: chunks[0]?.split('\x1f')[0] ?? (await resolveCommit(root, head)), skipped: [] };
}
