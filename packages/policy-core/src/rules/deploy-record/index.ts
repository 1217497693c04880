import type { Finding } from '../../finding.js';
import type { RuleFamily } from '../rule.js';
import { badDeployedAt } from './REC003-bad-deployed-at.js';
import { directoryPathFinding } from './facts/directory-path.js';
import { deletedRecordFindings, handEditedRecord } from './REC006-hand-edited-record.js';
import { invalidRecord } from './REC001-invalid-record.js';
import { lostPin, missingRecordPinFindings } from './REC007-lost-pin.js';
import { malformedSha } from './REC002-malformed-sha.js';
import { recordContradictsLog } from './REC008-record-contradicts-log.js';
import { readRecordFacts } from './facts/record-facts.js';
import { unknownCommit } from './REC004-unknown-commit.js';
import { unreachableSha } from './REC005-unreachable-sha.js';

const RULES = [
  invalidRecord,
  malformedSha,
  badDeployedAt,
  unknownCommit,
  unreachableSha,
  handEditedRecord,
  lostPin,
  recordContradictsLog,
];

/** The REC family: the deploy record is valid, true to the repository, and written only by Slipway. */
export const deployRecordFamily: RuleFamily = {
  id: 'REC',
  rules: RULES.map((r) => r.meta),
  check(ctx) {
    const facts = readRecordFacts(ctx);
    if (!facts) {
      const dir = directoryPathFinding(ctx, invalidRecord.meta, 'record');
      return {
        findings: [...(dir ? [dir] : []), ...deletedRecordFindings(ctx), ...missingRecordPinFindings(ctx)],
        filesChecked: [],
      };
    }
    const findings: Finding[] = [];
    for (const rule of RULES) findings.push(...rule.check(ctx, facts));
    return { findings, filesChecked: [facts.path] };
  },
};
