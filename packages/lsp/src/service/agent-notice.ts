import { agentEditNotice, type Finding } from '@slipway/policy-core';
import type { Project } from '../workspace/project.js';

/**
 * On an agent branch, an open file the agent may not edit says so before any edit: the notice
 * goes first, unless a PATH finding already says it.
 */
export function withAgentNotice(project: Project, path: string, findings: Finding[]): Finding[] {
  const policy = project.policyDocument();
  if (!policy || findings.some((f) => f.rule.startsWith('PATH'))) return findings;
  const notice = agentEditNotice(policy, project.reviewedChange()?.branch, path);
  return notice ? [notice, ...findings] : findings;
}
