import type { Commit } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import { policyRelated, type RecordRule } from './record-facts.js';

/** The trailer `slipway promote|rollback|unpin --commit` writes; a commit carrying it was made by Slipway. */
export const SLIPWAY_EVENT_TRAILER = /^Slipway-Event:[ \t]*\S/m;

export function isSlipwayCommit(commit: Commit): boolean {
  return SLIPWAY_EVENT_TRAILER.test(commit.body);
}

/** REC006: the record changed in a commit that promote or rollback did not make. */
export const handEditedRecord: RecordRule = {
  meta: {
    id: 'REC006',
    family: 'REC',
    defaultSeverity: 'error',
    title: 'deploy record edited by hand',
    description:
      'The deploy record says what production runs; only `slipway promote`, `slipway rollback` and `slipway unpin` ' +
      'should change it, and with `--commit` they commit it with a `Slipway-Event:` trailer. A commit in the change ' +
      'that touches the record without that trailer was a hand edit, which can silently point a rollback at an ' +
      'unverified commit or clear a pin. Revert the edit and use the commands; if a hand edit is truly needed, ' +
      'add the trailer with a reason (`Slipway-Event: manual-correction`) so it is visible in review.',
  },
  check(ctx, facts) {
    const change = ctx.change;
    if (!change) return [];
    const touched = change.files.some((f) => f.path === facts.path || f.oldPath === facts.path);
    if (!touched) return [];
    const out: Finding[] = [];
    for (const commit of change.commits) {
      // Without per-commit file lists any commit may have made the edit.
      if (commit.files && !commit.files.includes(facts.path)) continue;
      if (isSlipwayCommit(commit)) continue;
      out.push({
        rule: this.meta.id,
        severity: this.meta.defaultSeverity,
        message: `Commit ${commit.sha.slice(0, 12)} ("${commit.subject}") changes the deploy record without a Slipway-Event trailer; revert it and use slipway promote/rollback --commit.`,
        file: facts.path,
        range: facts.lines.lineRange(0),
        related: [policyRelated(ctx, 'the deploy record named here')],
      });
    }
    return out;
  },
};
