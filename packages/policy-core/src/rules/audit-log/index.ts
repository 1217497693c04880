import type { Finding } from '../../finding.js';
import type { RuleFamily } from '../rule.js';
import { readAuditFacts } from './facts/audit-facts.js';
import { blankLine } from './AUD004-blank-line.js';
import { brokenChain } from './AUD002-broken-chain.js';
import { directoryPathFinding } from '../deploy-record/facts/directory-path.js';
import { malformedLine } from './AUD001-malformed-line.js';
import { recordBehindLog } from './AUD003-record-behind-log.js';
import { removedLogFindings, rewrittenSinceBase } from './AUD005-rewritten-since-base.js';

const RULES = [malformedLine, brokenChain, recordBehindLog, blankLine, rewrittenSinceBase];

/** The AUD family: the audit log is well formed and its hash chain, up to the record's head, is intact. */
export const auditLogFamily: RuleFamily = {
  id: 'AUD',
  rules: RULES.map((r) => r.meta),
  check(ctx) {
    // Read as an empty log, a directory would look like a truncated one (AUD002).
    const dir = directoryPathFinding(ctx, malformedLine.meta, 'audit_log');
    if (dir) return { findings: [dir], filesChecked: [] };
    const facts = readAuditFacts(ctx);
    if (!facts) return { findings: removedLogFindings(ctx), filesChecked: [] };
    const findings: Finding[] = [];
    for (const rule of RULES) findings.push(...rule.check(ctx, facts));
    return { findings, filesChecked: [facts.path] };
  },
};
