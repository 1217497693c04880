import {
  type AuditEntry,
  agentTrailerWhy,
  type DeploySection,
  flowCommitVerdict,
  type PolicyDocument,
} from '../../index.js';
import { blameLines } from '../git/blame-lines.js';
import { FILES_ARGS, META_ARGS, parseCommitLog, parseFileLists, touchedBy } from '../git/commit-log.js';
import { splitZ } from '../git/path-bytes.js';
import { runGit } from '../git/run-git.js';

/**
 * Who wrote an audit entry a promote is about to rely on (the staging verification of the SHA):
 * the commit `git blame` names for its line must be one of Slipway's own deploy commits
 * (deploy/flow-commit.ts: the `Slipway-Event:` trailer, made by no agent of this policy, the
 * record and the log only). A line appended by hand in a merged pull request, its hash chain
 * recomputed, chains perfectly; only its commit tells it apart. A line not committed yet was
 * written in this very checkout (a staging run here without --commit, by whoever runs this
 * promote): trusted. A CI checkout has none.
 */
export type EntryProvenance = { trusted: true } | { trusted: false; why: string };

export async function entryProvenance(
  root: string,
  doc: PolicyDocument,
  deploy: DeploySection,
  entry: AuditEntry,
): Promise<EntryProvenance> {
  const blamed = await blameLines(root, deploy.audit_log, {
    ranges: [[entry.line, entry.line]],
    root: true,
    okCodes: [128],
  });
  const line = blamed?.get(entry.line);
  // No answer: the log is not tracked at all, so every line of it was written in this checkout.
  if (!line || line.uncommitted) return { trusted: true };
  const [meta, files] = await Promise.all([
    runGit(root, [...META_ARGS, '-1', line.sha, '--']),
    runGit(root, [...FILES_ARGS, '-1', line.sha, '--']),
  ]);
  const commit = parseCommitLog(splitZ(meta.stdout))[0];
  if (!commit)
    return { trusted: false, why: `git could not read commit ${line.sha.slice(0, 12)}, which wrote it` };
  commit.files = touchedBy(parseFileLists(splitZ(files.stdout)).get(line.sha) ?? []);
  const verdict = flowCommitVerdict(doc, commit, deploy);
  if (verdict.ok) return { trusted: true };
  const who = `commit ${commit.sha.slice(0, 12)} ("${commit.subject}", ${commit.author.name} <${commit.author.email}>) wrote ${deploy.audit_log}:${entry.line + 1}`;
  const why =
    verdict.reason === 'no-trailer'
      ? 'without a Slipway-Event trailer (a hand-written entry)'
      : verdict.reason === 'agent'
        ? `but ${agentTrailerWhy(verdict.signal)}`
        : `but it also changes ${verdict.others.slice(0, 3).join(', ')}, which Slipway's deploy commits never do`;
  return { trusted: false, why: `${who} ${why}` };
}
