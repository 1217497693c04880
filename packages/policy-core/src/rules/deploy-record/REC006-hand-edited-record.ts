import type { ChangeSet, Commit } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import { findingOf, type CheckContext, type ExampleChange } from '../../rule.js';
import { agentTrailerWhy, flowCommitVerdict } from '../../deploy/flow-commit.js';
import type { AgentSignal } from '../../agents/change-author.js';
import type { PolicyDocument } from '../../policy/document.js';
import type { RecordPaths } from '../../deploy/slipway-commit.js';
import { AUDIT_LOG_FILE, RECORD_FILE } from '../audit-log/facts/examples.js';
import { policyRelated, type RecordRule } from './facts/record-facts.js';
import { recordExample, recSuppressDocs, releaseRecord } from './facts/examples.js';

/** A commit of the change that changed the record and that Slipway did not make. */
interface RecordEdit {
  commit: Commit;
  /** It removed the record (deleted it or renamed it away). */
  deletes: boolean;
  /** It carries the trailer but also changes these files: not one of Slipway's record commits. */
  others?: string[];
  /** It carries the trailer, but an agent of this policy made it: the trailer does not count. */
  agent?: AgentSignal;
}

/**
 * Did the commit remove the record? Without statuses (a change set that lists paths only) and
 * with the record gone at head, the newest commit touching it is the one that left it gone.
 */
function deletesRecord(commit: Commit, path: string, newest: Commit | undefined): boolean {
  if (!commit.changes) return commit === newest;
  return commit.changes.some(
    (f) => (f.status === 'deleted' && f.path === path) || (f.status === 'renamed' && f.oldPath === path),
  );
}

/**
 * The commits that changed the record without being Slipway's record commit (deploy/flow-commit.ts):
 * no trailer, the trailer on a commit an agent of this policy made (an agent cannot vouch for
 * its own edit), or on a commit that also changes other files (a squash of a promote with code,
 * say; Slipway's commits hold the record and the log only, as `promote` and `restack` define
 * them). A commit whose files are unknown may have made the edit; with the trailer and a
 * person's identity it gets the benefit of the doubt. A merge's files are what the merge itself
 * made (see Commit.files), so a merge that only brings in another commit's edit is not charged
 * with it: that commit is.
 */
function recordEdits(
  doc: PolicyDocument,
  change: ChangeSet,
  paths: RecordPaths,
  gone: boolean,
): RecordEdit[] {
  const touches = (c: Commit) => !c.files || c.files.includes(paths.record);
  const newest = gone ? change.commits.find(touches) : undefined;
  const out: RecordEdit[] = [];
  for (const commit of change.commits) {
    if (!touches(commit)) continue;
    const verdict = flowCommitVerdict(doc, commit, paths);
    if (verdict.ok) continue;
    const edit: RecordEdit = { commit, deletes: deletesRecord(commit, paths.record, newest) };
    if (verdict.reason === 'other-files') edit.others = verdict.others;
    if (verdict.reason === 'agent') edit.agent = verdict.signal;
    out.push(edit);
  }
  return out;
}

function listFiles(files: readonly string[]): string {
  const shown = files.slice(0, 3).join(', ');
  return files.length > 3 ? `${shown} and ${files.length - 3} more` : shown;
}

/** One sentence per edit; `gone`: the record no longer exists at head (the finding sits in the policy). */
function editMessage(edit: RecordEdit, path: string, gone: boolean): string {
  const { commit } = edit;
  const who = `Commit ${commit.sha.slice(0, 12)} ("${commit.subject}")`;
  const what = `${edit.deletes ? 'deletes' : 'changes'} the deploy record${gone ? ` ${path}` : ''}`;
  const where = commit.parents.length > 1 ? ' in the merge itself (the result matches neither parent)' : '';
  if (edit.agent) {
    return `${who} ${what}${where}, but ${agentTrailerWhy(edit.agent)}; revert it: what production runs changes only through slipway promote/rollback.`;
  }
  if (edit.others) {
    return `${who} ${what}${where} under a Slipway-Event trailer, but Slipway's record commits change only the record and the audit log; this one also changes ${listFiles(edit.others)}. Commit the record change on its own (slipway promote/rollback --commit does).`;
  }
  if (edit.deletes && gone) {
    return `${who} deletes the deploy record ${path}${where} without a Slipway-Event trailer, which drops its pin and the audit log's seal; restore it (git checkout <base> -- ${path}).`;
  }
  return `${who} ${what}${where} without a Slipway-Event trailer; revert it and use slipway promote/rollback --commit.`;
}

/**
 * REC006 for a change that deletes the record or renames it away, found where the record no
 * longer exists (so the REC rules, which read it, do not run): removing it clears every pin and
 * the audit log's seal at once. Anchored at the policy's `deploy.record`, since the file is gone.
 * @internal
 */
export function deletedRecordFindings(ctx: CheckContext): Finding[] {
  const deploy = ctx.policy.policy.deploy;
  const change = ctx.change;
  if (!deploy || !change) return [];
  const path = deploy.record;
  const removed = change.files.some(
    (f) => (f.status === 'deleted' && f.path === path) || (f.status === 'renamed' && f.oldPath === path),
  );
  if (!removed) return [];
  return recordEdits(ctx.policy, change, deploy, true).map((edit) =>
    findingOf(
      handEditedRecord,
      ctx.policy.file,
      ctx.policy.locate(['deploy', 'record']),
      editMessage(edit, path, true),
    ),
  );
}

/**
 * REC006: the record changed in a commit that promote or rollback did not make.
 * @internal
 */
export const handEditedRecord: RecordRule = {
  id: 'REC006',
  name: 'hand-edited-record',
  family: 'REC',
  facts: 'deploy-record',
  defaultSeverity: 'error',
  title: 'deploy record edited by hand',
  docs: {
    what: 'The record changed in a commit that promote or rollback did not make.',
    why:
      'The deploy record says what production runs; only `slipway promote`, `slipway rollback` and ' +
      '`slipway unpin` should change it, and with `--commit` they commit it, together with the audit ' +
      'log and nothing else, with a `Slipway-Event:` trailer. A commit in the change that touches the ' +
      'record without that trailer was a hand edit, which can silently point a rollback at an ' +
      'unverified commit or clear a pin; so is a commit with the trailer that also changes other ' +
      'files (a squash of a record commit with code), and one with the trailer that an agent of this ' +
      'policy made (its author, committer or a Co-authored-by trailer): a trailer is a claim, and it ' +
      'counts only from someone who may make it, a person or the CI identity the flow commits as. Deleting the record or renaming it away counts ' +
      'too. A merge is charged only with what it made itself (a conflict resolution); what it brought ' +
      'in is charged to the commit that made it.',
    fix:
      'Revert the edit and use the commands; if a hand edit is truly needed, commit the record (and ' +
      'the audit log) on its own with the trailer and a reason (`Slipway-Event: manual-correction`) ' +
      'so it is visible in review.',
    suppress: recSuppressDocs('REC006'),
    examples: [
      recordExample('flagged', releaseRecord(), {
        change: adasCommit('fix/deploy-record', 'Point production at 9c81d3e', [RECORD_FILE]),
      }),
      recordExample('fine', releaseRecord(), {
        change: adasCommit(
          'main',
          'slipway: promote of 9c81d3e5f7a2 to production\n\nSlipway-Event: PROMOTE production 9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9',
          [RECORD_FILE, AUDIT_LOG_FILE],
        ),
      }),
    ],
  },
  check({ ctx, record: facts }) {
    if (!facts) return deletedRecordFindings(ctx);
    const change = ctx.change;
    if (!change) return [];
    // The record is here, so no file of the change was renamed away from it (git pairs a rename
    // only with a deleted path); a copy of it elsewhere leaves it as it was.
    const touched = change.files.some((f) => f.path === facts.path);
    if (!touched) return [];
    return recordEdits(ctx.policy, change, facts.deploy, false).map((edit) => ({
      rule: this.id,
      severity: this.defaultSeverity,
      message: editMessage(edit, facts.path, false),
      file: facts.path,
      range: facts.lines.lineRange(0),
      related: [policyRelated(ctx, 'the deploy record named here')],
    }));
  },
};

/** The docs examples' change: Ada's one commit of `files` on `branch`. */
function adasCommit(branch: string, message: string, files: string[]): ExampleChange {
  return {
    branch,
    labels: [],
    files,
    commits: [{ author: 'Ada Lovelace <ada@example.com>', message, files }],
  };
}
