import type { PolicyDocument } from '../policy/document.js';
import type { AgentCapKey } from '../policy/schema/agents.js';

export const AGENTS_MD_BEGIN = '<!-- slipway:begin -->';
export const AGENTS_MD_END = '<!-- slipway:end -->';

/** The label that lifts agent caps and approves protected paths when the policy names none. */
const DEFAULT_LABEL = 'approved-core-change';

const CAP_WORDS: Record<AgentCapKey, string> = {
  files: 'files touched',
  lines: 'lines added and removed',
  new_dependencies: 'new dependencies',
  migrations: 'new migrations',
  deleted_files: 'files deleted',
};

const code = (s: string) => `\`${s.replaceAll('`', "'")}\``;
const list = (items: readonly string[]) => items.map(code).join(', ');

/**
 * The marked section of AGENTS.md that tells agents, in plain words, what the policy lets them
 * do: the branch to work on, where they may write, the protected paths and the label a human
 * adds, the caps, the dependency lane, and the hook and MCP server that hold them to it. A pure
 * function of the (effective) policy, so the rule that says the section is out of date
 * (POL007) and `slipway agents-md` that writes it agree byte for byte.
 */
export function renderAgentsSection(doc: PolicyDocument): string {
  const p = doc.policy;
  const agents = p.agents;
  const label = p.protected?.label ?? DEFAULT_LABEL;
  const lines: string[] = [
    AGENTS_MD_BEGIN,
    '## Working in this repository as an AI agent',
    '',
    `Written by \`slipway agents-md\` from ${code(doc.file)}; run it again after the policy changes instead of editing this section.`,
    '',
  ];
  const branches = agents?.branches ?? ['auto/*'];
  lines.push(
    `- **Branch**: work on a branch named like ${list(branches)} (a branch under one counts too), never on ${code(p.production_branch)}; open a pull request for a human to review.`,
  );
  const allowed = agents?.allowed;
  lines.push(
    allowed === undefined
      ? '- **Where you may write**: the policy sets no allow-list; the rules below still apply.'
      : allowed.length === 0
        ? '- **Where you may write**: nowhere: the policy allows agents to edit no file.'
        : `- **Where you may write**: only files matching ${list(allowed)}.`,
  );
  const protectedPaths = p.protected?.paths ?? [];
  if (protectedPaths.length > 0)
    lines.push(
      `- **Protected paths**: ${list(protectedPaths)}. Leave them alone: a change there needs a human to review it and add the label ${code(label)}.`,
    );
  lines.push(
    `- **Never edit** the policy (${code(doc.file)}), the CI configuration, AGENTS.md and the other instructions agents read, or the agents' hook and MCP settings (\`.claude/\`, \`.codex/\`, \`.cursor/\`, \`.gemini/\`, \`.github/hooks/\`, \`.mcp.json\`, \`.vscode/mcp.json\`): those are a human's changes.`,
  );
  const caps = Object.entries(agents?.limits ?? {}).filter(([, n]) => n !== undefined) as [
    AgentCapKey,
    number,
  ][];
  if (caps.length > 0)
    lines.push(
      `- **Caps on one change**: ${caps.map(([k, n]) => `at most ${n} ${CAP_WORDS[k]}`).join(', ')}. A larger change needs a human's label ${code(label)}: split the work instead where you can.`,
    );
  const pairs =
    p.dependencies === undefined ? [] : Array.isArray(p.dependencies) ? p.dependencies : [p.dependencies];
  if (pairs.length > 0) {
    const lane = agents?.dependency_branch ?? 'auto/dependency-upgrade-YYYYMMDD-NNN';
    const files = pairs.flatMap((d) => [d.requirements, d.lock]);
    const labels = [...new Set(pairs.map((d) => d.label))];
    lines.push(
      `- **Dependencies**: change ${list(files)} only on a branch named like ${code(lane)} (YYYYMMDD a date, NNN a number), and only for the upgrade; it needs a human's label ${list(labels)}.`,
    );
  }
  lines.push(
    '- **The gate**: a hook runs `slipway hook` before each tool call that writes a file or runs a command and refuses what this policy forbids, saying why and what to do. Ask first, with the `slipway` MCP server (`slipway mcp`): `may_edit` says whether paths may be edited, `check_change` checks your change as CI will before you commit it, `policy_summary` shows these rules and how much of each cap your change has used.',
    AGENTS_MD_END,
    '',
  );
  return lines.join('\n');
}
