import type { AuditEntry } from '../../deploy/audit-chain.js';
import { agentTrailerWhy, type FlowCommitVerdict, flowCommitVerdict } from '../../deploy/flow-commit.js';
import type { Commit } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import { findingOf, type ExampleChange } from '../../rule.js';
import {
  AUDIT_LOG_FILE,
  auditLog,
  auditLogExample,
  auditSuppressDocs,
  LOG_WITH_VERIFICATION,
  RECORD_AFTER_RELEASE,
  RECORD_AFTER_VERIFICATION,
  RECORD_FILE,
  RELEASE_STARTED,
  RELEASE_SUCCEEDED,
} from './facts/examples.js';
import type { AuditFacts, AuditRule } from './facts/audit-facts.js';
import { baseLogText, startsWith } from './facts/base-log.js';

/**
 * AUD007: audit entries appended in a change by a commit that Slipway's own flow did not make.
 * The chain (AUD002) and the base (AUD005) prove only that nothing was cut: an entry anyone
 * appends with its `prev` recomputed chains perfectly, and a STAGING_VERIFIED line for an
 * agent's SHA would read as "verified on staging" to the next promote. So who wrote the new
 * lines is judged by the commits that touched the log (deploy/flow-commit.ts), as REC006 judges
 * the record's: the trailer, on a commit no agent of this policy made, changing nothing else.
 */
export const handWrittenEntry: AuditRule = {
  id: 'AUD007',
  name: 'hand-written-entry',
  family: 'AUD',
  facts: 'audit-log',
  defaultSeverity: 'error',
  title: 'audit entries appended by a commit Slipway did not make',
  docs: {
    what:
      'In a change (a pull request, `slipway check --base`), the audit log gained entries, and a ' +
      "commit that touched the log is not one of Slipway's deploy commits: it has no " +
      '`Slipway-Event:` trailer, or an agent of this policy made it (author, committer or ' +
      'Co-authored-by), or it also changes files other than the record and the log.',
    why:
      'The audit log is what promote reads to decide that a SHA was verified on staging, and what ' +
      'the REC rules check the record against. Its hash chain proves only that nothing was cut: a ' +
      'line appended by hand with its `prev` recomputed chains perfectly, so a pull request could ' +
      'assert "verified on staging" for its own SHA. Only `slipway promote`, `rollback` and ' +
      '`unpin` write entries, and with `--commit` (as the CI jobs of `slipway init --ci` run them) ' +
      'they commit the record and the log alone, with the trailer, under the identity that ran ' +
      'them. A trailer is a claim anyone can type, so it counts only on a commit no agent of this ' +
      'policy made. Promote applies the same test to the commit that wrote the verification it ' +
      'relies on (git blame of the line), so an entry that slipped through review is still not ' +
      'trusted. What this cannot prove: git identities are what a commit says (see ARCHITECTURE.md, ' +
      '"Deploy state a change cannot assert").',
    fix:
      'Drop the commit that wrote the entries; to verify a SHA on staging run `slipway promote <sha> ' +
      '--env staging --commit` (or let the CI job do it). A person correcting the log by hand ' +
      'commits the log (and record) on its own with `Slipway-Event: manual-correction` and a reason.',
    suppress: auditSuppressDocs('AUD007'),
    examples: [
      auditLogExample('flagged', LOG_WITH_VERIFICATION, RECORD_AFTER_RELEASE, {
        change: verificationChange('auto/login-fix', {
          author: 'Claude <noreply@anthropic.com>',
          message:
            'Record the staging verification\n\nSlipway-Event: STAGING_VERIFIED staging 7e3b1f9a2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f',
          files: [AUDIT_LOG_FILE],
        }),
        assumes: 'where the line was typed by the agent, its prev recomputed; the trailer is its own claim',
      }),
      auditLogExample('fine', LOG_WITH_VERIFICATION, RECORD_AFTER_VERIFICATION, {
        change: verificationChange('main', {
          author: 'Slipway CI <slipway-ci@users.noreply.github.com>',
          message:
            'slipway: verification of 7e3b1f9a2c4d on staging\n\nSlipway-Event: STAGING_VERIFIED staging 7e3b1f9a2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f',
          files: [AUDIT_LOG_FILE, RECORD_FILE],
        }),
        assumes: 'where `slipway promote --env staging --commit` wrote and committed it in CI',
      }),
    ],
  },
  check({ ctx, log: facts, directory }) {
    const change = ctx.change;
    const deploy = ctx.policy.policy.deploy;
    if (directory || !facts || facts.missing || !change?.readBase || !deploy) return [];
    // A shortcut: a log the change does not touch is the base's, with no entry after it.
    // Stryker disable next-line ConditionalExpression: see above
    if (!change.files.some((f) => f.path === facts.path)) return [];
    // Absent at base: every entry is new. A log that does not begin with the base's is AUD005's.
    const before = baseLogText(change, facts.path) ?? '';
    if (!startsWith(facts.text, before)) return [];
    const fromLine = lineBreaks(before);
    const added = facts.log.entries.filter((e) => e.line >= fromLine);
    const first = added[0];
    if (!first) return [];
    const out: Finding[] = [];
    for (const commit of change.commits) {
      if (commit.files && !commit.files.includes(facts.path)) continue;
      const verdict = flowCommitVerdict(ctx.policy, commit, deploy);
      if (verdict.ok) continue;
      out.push(
        findingOf(
          this,
          facts.path,
          facts.lines.lineRange(first.line),
          message(commit, verdict, facts, added),
        ),
      );
    }
    return out;
  },
};

function lineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function summary(e: AuditEntry): string {
  const { event, environment, to, outcome } = e.event;
  return `${event} ${environment}${to ? ` ${to.slice(0, 12)}` : ''} ${outcome}`;
}

function message(
  commit: Commit,
  verdict: Exclude<FlowCommitVerdict, { ok: true }>,
  facts: AuditFacts,
  added: readonly AuditEntry[],
): string {
  const n = added.length;
  const first = added[0] as AuditEntry;
  const what = `${n} audit entr${n === 1 ? 'y' : 'ies'} new since the base (line ${first.line + 1}: ${summary(first)}${n > 1 ? ', …' : ''})`;
  const who = `Commit ${commit.sha.slice(0, 12)} ("${commit.subject}") touches ${facts.path}, which has ${what}`;
  const why =
    verdict.reason === 'no-trailer'
      ? 'it has no Slipway-Event trailer, so the entries were written by hand'
      : verdict.reason === 'agent'
        ? agentTrailerWhy(verdict.signal)
        : `it carries the trailer but also changes ${verdict.others.slice(0, 3).join(', ')}${verdict.others.length > 3 ? ' and more' : ''}, and Slipway's deploy commits change only the record and the audit log`;
  return `${who}; ${why}. Promote trusts only entries Slipway's own flow wrote: drop the commit and let \`slipway promote\`, \`rollback\` or \`unpin\` (--commit) write deploy state.`;
}

/** The docs examples' change: one commit appending the verification to the release's log. */
function verificationChange(
  branch: string,
  commit: { author: string; message: string; files: string[] },
): ExampleChange {
  return {
    branch,
    labels: [],
    files: commit.files,
    base: {
      [AUDIT_LOG_FILE]: auditLog(RELEASE_STARTED, RELEASE_SUCCEEDED),
      [RECORD_FILE]: RECORD_AFTER_RELEASE,
    },
    commits: [commit],
  };
}
