import type { Judged, ShellEffects } from '@slipway/policy-core';
import { isOwnCommit } from '@slipway/policy-core/node';

/**
 * The command's moves of the agent's own branch (HEAD, or the branch checked out by name) onto a
 * commit it names (ShellEffects.branchMoves): let through when the commit is one the branch
 * already holds (`git reset HEAD~1`, undoing a commit: its changes come back as edits, judged as
 * such); asked otherwise, since the commit's changes arrive without a write the gate judges
 * (`git reset --soft evil`, `git update-ref HEAD evil`, `git fetch -u . evil:work`). The
 * production branch's moves are the branch rules' (shellVerdicts).
 */
export function branchMoveVerdicts(
  effects: ShellEffects,
  root: string,
  branch: string | undefined,
): Judged[] {
  const out: Judged[] = [];
  for (const move of effects.branchMoves) {
    const own = move.ref === 'HEAD' || (branch !== undefined && move.ref === `refs/heads/${branch}`);
    if (!own || (move.to !== undefined && !move.to.startsWith('-') && isOwnCommit(root, move.to))) continue;
    out.push({
      verdict: 'ask',
      reason: {
        ruleId: 'GATE',
        message: `\`${move.what}\` points this branch at ${move.to === undefined ? 'a commit the command does not show' : `${move.to}, which is not one of its own commits`}: that commit's changes arrive without a write the gate judges`,
        instead: 'make the changes with the editing tools, or ask a human to approve the command',
      },
    });
  }
  return out;
}
