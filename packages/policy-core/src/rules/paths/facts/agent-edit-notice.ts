import type { Finding } from '../../../finding.js';
import type { PolicyDocument } from '../../../policy/document.js';
import { explainPath } from './explain-path.js';
import { branchSignal } from '../../../agents/change-author.js';
import { pathPolicy } from '../../../policy/path-policy.js';
import { RULE_IDS } from '../../../rule-ids.generated.js';

const LINE_ONE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * On an agent branch, a file that the agent may not edit says so as soon as it is opened, before
 * any edit: an information finding on line 1 under the rule that would report the edit (PATH003
 * for a protected file, PATH002 for one outside `agents.allowed`). The editor shows it; CI never
 * produces it, since nothing was changed.
 */
export function agentEditNotice(
  doc: PolicyDocument,
  branch: string | undefined,
  path: string,
): Finding | undefined {
  const pp = pathPolicy(doc);
  if (branchSignal(doc, branch) === undefined) return undefined;
  const { verdicts } = explainPath(doc, path);
  const prot = verdicts.find((v) => v.list === 'protected.paths' && v.decision.matched);
  if (prot?.decision.source) {
    return {
      rule: RULE_IDS.agentEditsProtected,
      severity: 'info',
      message: `On agent branch \`${branch}\`, this file may not be edited: it is protected by pattern \`${prot.decision.source.pattern}\` (${doc.file} line ${prot.line}); a change to it needs a human branch and the \`${pp.label}\` label.`,
      file: path,
      range: LINE_ONE,
    };
  }
  const allowed = verdicts.find((v) => v.list === 'agents.allowed');
  if (allowed && !allowed.decision.matched) {
    const why = allowed.decision.source
      ? `pattern \`${allowed.decision.source.pattern}\` (${doc.file} line ${allowed.line}) takes it out of \`agents.allowed\``
      : `no pattern of \`agents.allowed\` (${doc.file} line ${allowed.line}) covers it`;
    return {
      rule: RULE_IDS.outsideAgentScope,
      severity: 'info',
      message: `On agent branch \`${branch}\`, this file may not be edited: ${why}.`,
      file: path,
      range: LINE_ONE,
    };
  }
  return undefined;
}
