import { type AgentPolicySummary, agentPolicySummary, withWorkingChanges } from '@slipway/policy-core';
import { openGateContext } from '../../hook/gate-context.js';
import * as z from 'zod/mini';
import type { McpTool } from '../tool.js';
import { answer } from '../tool-result.js';

const strings = () => z.array(z.string());

export const policySummaryTool: McpTool = {
  name: 'policy_summary',
  config: {
    title: 'What an agent may do here',
    description:
      "This repository's Slipway policy as it applies to a coding agent: the production branch, the branches agents work on and the " +
      'dependency-upgrade branch, the paths agents may edit, protected paths and the label that lets a change to them through, the policy ' +
      'surface agents never change, and the caps on one agent change (files, lines, new dependencies, migrations, deleted files) with how much of each this change (the branch against its base, and the uncommitted files) has used. Call it before you start.',
    inputSchema: z.object({}),
    outputSchema: z.object({
      policyFile: z.string(),
      productionBranch: z.string(),
      agentBranches: strings(),
      dependencyBranch: z.string(),
      allowedPaths: z.nullable(strings()),
      protected: z.object({ paths: strings(), label: z.string() }),
      policySurface: z.object({
        defaults: z.array(z.object({ pattern: z.string(), what: z.string() })),
        extra: strings(),
        optOut: strings(),
      }),
      caps: z.array(
        z.object({
          key: z.string(),
          rule: z.string(),
          cap: z.nullable(z.number()),
          used: z.nullable(z.number()),
        }),
      ),
      change: z.nullable(z.object({ base: z.string(), files: z.number(), agent: z.nullable(z.string()) })),
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async run(session) {
    // Opened as the agent gate opens it: the branch against its base plus the uncommitted files
    // (the session's edits so far), so the caps' use is the one the gate counts.
    const gate = await session.inTurn(async () => openGateContext(await session.root(), session.env));
    const change = gate.committed && withWorkingChanges(gate.committed, gate.working);
    const summary = agentPolicySummary(gate.policy, gate.repo, change, session.env, gate.workspace);
    return answer({ ...summary }, summaryText(summary));
  },
};

function summaryText(s: AgentPolicySummary): string {
  const list = (items: readonly string[]) => (items.length ? items.join(', ') : 'none');
  const caps = s.caps.map(
    (c) =>
      `  ${c.key} (${c.rule}): ${c.cap === null ? 'no cap' : `cap ${c.cap}`}, used ${c.used ?? 'unknown'}`,
  );
  return [
    `Policy: ${s.policyFile}; production branch ${s.productionBranch}.`,
    `Agent branches: ${list(s.agentBranches)}; dependency upgrades only on ${s.dependencyBranch}.`,
    s.allowedPaths === null
      ? 'Agents may edit any path that is not protected or policy surface (no agents.allowed).'
      : `Agents may edit only: ${list(s.allowedPaths)}.`,
    `Protected (a person's review and the \`${s.protected.label}\` label): ${list(s.protected.paths)}.`,
    `Policy surface (agents never change it): the policy file, CI, agent instructions and settings (${s.policySurface.defaults.length} default patterns)${
      s.policySurface.extra.length ? `, plus ${list(s.policySurface.extra)}` : ''
    }${s.policySurface.optOut.length ? `, minus ${list(s.policySurface.optOut)}` : ''}.`,
    'Caps on one agent change:',
    ...caps,
    s.change
      ? `This change: ${s.change.files} files against ${s.change.base.slice(0, 12)}; ${s.change.agent ? `an agent's (${s.change.agent})` : "nothing marks it as an agent's yet"}.`
      : 'No change against a base could be read: the caps are not counted.',
  ].join('\n');
}
