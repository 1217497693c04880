import { formatRecord, nativeSha256 } from '@slipway/policy-core/node';
import {
  type AuditEvent,
  isSlipwayCommit,
  pathsBeyondRecord,
  type DeploySection,
  formatAuditLine,
  parseDeployRecord,
  environmentMismatch,
  readAuditLog,
} from '@slipway/policy-core';
import { UserError } from '../command.js';
import { type RestackGit, restackGit } from './restack-git.js';
import type { CommitFiles, PlannedCommit, RestackPlan } from './restack-plan.js';
import { RULE_IDS } from '@slipway/policy-core';

export type { RestackPlan };

const short = (sha: string) => sha.slice(0, 12);

/** The record without `audit_head`: what production runs, pinned or not, and its history. */
function productionState(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const record = parseDeployRecord(text).record;
  if (!record) return `invalid:${text}`;
  const { audit_head: _, ...rest } = record;
  return JSON.stringify(rest);
}

/** The entries `commit` appended to the log its parent had, as events; refused when it did more. */
function appendedEvents(deploy: DeploySection, c: CommitFiles): AuditEvent[] {
  const before = c.parentLog ?? '';
  const after = c.log ?? '';
  if (!after.startsWith(before)) {
    throw new UserError(
      `commit ${short(c.sha)} rewrites ${deploy.audit_log} instead of appending to it; Slipway never does that, so restack it by hand after finding out who did.`,
      1,
    );
  }
  // How many lines the parent's log had (a torn last line counts): the entries after are new.
  const beforeLines = before.split('\n').length - (before === '' || before.endsWith('\n') ? 1 : 0);
  const log = readAuditLog(after, undefined, nativeSha256);
  const bad = log.issues.find((i) => 'line' in i && i.line >= beforeLines && i.kind !== 'head-behind');
  if (bad && 'line' in bad) {
    throw new UserError(
      `${deploy.audit_log}:${bad.line + 1} in commit ${short(c.sha)}: ${bad.message}; only whole, chained entries can be restacked.`,
      1,
    );
  }
  return log.entries.filter((e) => e.line >= beforeLines).map((e) => e.event);
}

/** What `commit` does to the record, re-applied to `targetRecord` (the record on the new base). */
function restackedRecord(
  deploy: DeploySection,
  c: CommitFiles,
  targetRecord: string | undefined,
  ontoName: string,
  head: string,
): string | undefined {
  const changed = productionState(c.parentRecord) !== productionState(c.record);
  if (c.record === undefined && c.parentRecord !== undefined) {
    throw new UserError(
      `commit ${short(c.sha)} deletes ${deploy.record}; Slipway never does that, so it cannot be restacked.`,
      1,
    );
  }
  if (!changed) {
    // Only the head moved (a staging verification, a refusal): seal the record as it is there.
    if (targetRecord === undefined) return undefined;
    const record = parseDeployRecord(targetRecord).record;
    if (!record)
      throw new UserError(`${deploy.record} on ${ontoName} is not a valid deploy record; fix it first.`, 1);
    return formatRecord({ ...record, audit_head: head });
  }
  if (productionState(targetRecord) !== productionState(c.parentRecord)) {
    throw new UserError(
      `commit ${short(c.sha)} changed what ${deploy.production} runs, but ${deploy.record} on ${ontoName} no longer says what that command read (another promote, rollback or unpin landed first); a person must decide which is true: compare \`git show ${short(c.sha)}\` with ${ontoName}.`,
      1,
    );
  }
  const record = parseDeployRecord(c.record ?? '').record;
  if (!record)
    throw new UserError(`${deploy.record} in commit ${short(c.sha)} is not a valid deploy record.`, 1);
  return formatRecord({ ...record, audit_head: head });
}

/** Works out every restacked commit's files without changing anything. */
export async function planRestack(root: string, deploy: DeploySection, onto: string): Promise<RestackPlan> {
  const git: RestackGit = restackGit(root, deploy);
  const { ontoSha, head, commits } = await git.commitsToRestack(onto);
  let record = await git.fileAt(ontoSha, deploy.record);
  let logText = (await git.fileAt(ontoSha, deploy.audit_log)) ?? '';
  const parsedRecord = record === undefined ? undefined : parseDeployRecord(record);
  const base = readAuditLog(logText, parsedRecord?.record?.audit_head, nativeSha256);
  const broken = base.issues.find((i) => i.kind === 'chain' || i.kind === 'head-missing');
  if (broken) {
    throw new UserError(
      `${deploy.audit_log} on ${onto}: ${RULE_IDS.brokenChain} ${broken.message}; restore it before restacking onto it.`,
      1,
    );
  }
  if (parsedRecord) {
    const mismatch = environmentMismatch({
      deploy,
      parsed: parsedRecord,
      record: parsedRecord.record,
      recordText: record,
    });
    if (mismatch) throw new UserError(mismatch, 1);
  }
  let lastHash = base.lastHash;
  const planned: PlannedCommit[] = [];
  for (const c of commits) {
    if (!isSlipwayCommit(c)) {
      throw new UserError(
        `commit ${short(c.sha)} ("${c.message.split('\n')[0]}") has no Slipway-Event trailer; restack moves only the record commits Slipway made. Rebase your own commits with git.`,
        1,
      );
    }
    const others = pathsBeyondRecord(c.paths, deploy);
    if (others.length > 0) {
      throw new UserError(
        `commit ${short(c.sha)} also changes ${others.join(', ')}; restack moves only commits that change the deploy record and the audit log.`,
        1,
      );
    }
    const events = appendedEvents(deploy, c);
    let appended = logText !== '' && !logText.endsWith('\n') ? '\n' : '';
    for (const event of events) {
      const line = formatAuditLine({ ...event, prev: lastHash });
      appended += `${line}\n`;
      lastHash = nativeSha256(line);
    }
    logText += appended;
    record = restackedRecord(deploy, c, record, onto, lastHash);
    planned.push({
      original: c,
      ...(record !== undefined ? { recordText: record } : {}),
      logText,
      entries: events.length,
    });
  }
  return { onto, ontoSha, originalHead: head, commits: planned };
}

/** Moves HEAD to ONTO and commits each planned commit again, with its message and author. */
export async function applyRestack(root: string, deploy: DeploySection, plan: RestackPlan): Promise<string> {
  return restackGit(root, deploy).recommit(plan);
}
