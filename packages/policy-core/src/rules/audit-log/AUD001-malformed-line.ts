import { directoryPathFinding } from '../deploy-record/facts/directory-path.js';
import { type AuditRule, isBlankLine } from './facts/audit-facts.js';
import { RELEASE_STARTED, RELEASE_SUCCEEDED, auditLog, deployRecord } from '../audit-log/facts/examples.js';

/** AUD001: a line of the audit log is not an audit event (or was cut off by an interrupted write). */
export const malformedLine: AuditRule = {
  id: 'AUD001',
  name: 'malformed-line',
  family: 'AUD',
  facts: 'audit-log',
  defaultSeverity: 'error',
  title: 'audit log line is malformed or torn',
  docs: {
    what:
      'A line of the audit log (deploy.audit_log) is not an audit event: not JSON, or not an object ' +
      'with v, time, event, environment, from, to, actor, outcome and prev (and optionally reason, ' +
      'pin and details). A blank line is not malformed: AUD004 reports it.',
    why:
      'Such a line was edited by hand or cut off by a crash during an append (a torn last line). ' +
      'Slipway leaves it in place so that it is seen, and chains new entries past it.',
    fix:
      'Look at the line, then delete it: the chain stays intact, since malformed lines are not part ' +
      'of it.',
    suppress:
      'The audit log is JSON lines, without comments: set `rules: { AUD001: off }` (or another ' +
      'severity) in the policy.',
    examples: [
      {
        verdict: 'flagged',
        file: 'infrastructure/deploy-audit.jsonl',
        text:
          auditLog(RELEASE_STARTED, RELEASE_SUCCEEDED) +
          '{"v":1,"time":"2025-12-09T11:20:00Z","event":"SYSTEM_CORRECTION_EVENT"',
        beside: {
          'infrastructure/LAST_PROD_DEPLOY.json': deployRecord({
            last_good_sha: '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9',
            deployed_at: '2025-12-09T10:03:12Z',
            previous_sha: '4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f',
            event: 'PROMOTE',
            actor: { name: 'ada', kind: 'human' },
            reason: 'release 2025.12.2',
            audit_head: 'c722b115b3d80d74e3c28105a8b1ec536624d13613097fce29d3d4fc8a06ffb0',
          }),
        },
      },
      {
        verdict: 'fine',
        file: 'infrastructure/deploy-audit.jsonl',
        text: auditLog(RELEASE_STARTED, RELEASE_SUCCEEDED),
        beside: {
          'infrastructure/LAST_PROD_DEPLOY.json': deployRecord({
            last_good_sha: '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9',
            deployed_at: '2025-12-09T10:03:12Z',
            previous_sha: '4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f',
            event: 'PROMOTE',
            actor: { name: 'ada', kind: 'human' },
            reason: 'release 2025.12.2',
            audit_head: 'c722b115b3d80d74e3c28105a8b1ec536624d13613097fce29d3d4fc8a06ffb0',
          }),
        },
      },
    ],
  },
  check({ ctx, log: facts, directory }) {
    // Read as an empty log, a directory would look like a truncated one (AUD002).
    if (directory) return [directoryPathFinding(ctx, this, 'audit_log')].filter((f) => f !== undefined);
    if (!facts) return [];
    return facts.log.issues.flatMap((issue) =>
      // The chain reader counts a blank line as malformed; it holds no event to account for (AUD004).
      issue.kind === 'malformed' && (issue.whole || !isBlankLine(facts, issue.line))
        ? [
            {
              rule: this.id,
              severity: this.defaultSeverity,
              message: issue.whole
                ? `The audit log cannot be read: ${issue.message}.`
                : `Audit log line ${issue.line + 1}: ${issue.message}; inspect it and delete it once its event is accounted for.`,
              file: facts.path,
              range: facts.lines.lineRange(issue.line),
            },
          ]
        : [],
    );
  },
};
