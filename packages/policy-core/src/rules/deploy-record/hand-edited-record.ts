import type { Commit } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import type { CheckContext } from '../rule.js';
import { policyRelated, type RecordRule } from './record-facts.js';

/** The trailer `slipway promote|rollback|unpin --commit` writes; a commit carrying it was made by Slipway. */
export const SLIPWAY_EVENT_TRAILER = /^Slipway-Event:[ \t]*\S/m;

const TRAILER_LINE = /^[A-Za-z0-9][A-Za-z0-9-]*:[ \t]*\S/;
const CONTINUATION = /^[ \t]+\S/;

/**
 * The message's trailers, read as git reads them: the last paragraph of the body, when each of
 * its lines is a `Token: value` trailer (or an indented continuation). The same words anywhere
 * else ("Slipway-Event: none, edited by hand" followed by more prose) are not a trailer.
 */
export function trailerLines(body: string): string[] {
  const paragraphs = body
    .replace(/\r\n/g, '\n')
    .trimEnd()
    .split(/\n[ \t]*\n/);
  const lines = (paragraphs[paragraphs.length - 1] ?? '').split('\n');
  const first = lines[0] ?? '';
  if (!TRAILER_LINE.test(first) || !lines.every((l) => TRAILER_LINE.test(l) || CONTINUATION.test(l)))
    return [];
  return lines;
}

export function isSlipwayCommit(commit: Pick<Commit, 'body'>): boolean {
  return trailerLines(commit.body).some((l) => SLIPWAY_EVENT_TRAILER.test(l));
}

/** Commits of the change that touch the record without Slipway's trailer (any commit when unknown). */
function handEdits(commits: readonly Commit[], path: string): Commit[] {
  // Without per-commit file lists any commit may have made the edit.
  return commits.filter((c) => (!c.files || c.files.includes(path)) && !isSlipwayCommit(c));
}

/**
 * REC006 for a change that deletes the record, found where the record no longer exists (so
 * the REC rules, which read it, do not run): deleting it clears every pin and the audit log's
 * seal at once. Anchored at the policy's `deploy.record`, since the file is gone.
 */
export function deletedRecordFindings(ctx: CheckContext): Finding[] {
  const path = ctx.policy.policy.deploy?.record;
  const change = ctx.change;
  if (!path || !change?.files.some((f) => f.path === path && f.status === 'deleted')) return [];
  return handEdits(change.commits, path).map((commit) => ({
    rule: handEditedRecord.meta.id,
    severity: handEditedRecord.meta.defaultSeverity,
    message: `Commit ${commit.sha.slice(0, 12)} ("${commit.subject}") deletes the deploy record ${path} without a Slipway-Event trailer, which drops its pin and the audit log's seal; restore it (git checkout <base> -- ${path}).`,
    file: ctx.policy.file,
    range: ctx.policy.locate(['deploy', 'record']),
  }));
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
    for (const commit of handEdits(change.commits, facts.path)) {
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
