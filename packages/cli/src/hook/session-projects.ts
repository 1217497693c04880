import { type GateAgent, type HookInput, isAbsoluteAgentPath } from '@slipway/policy-core';

/**
 * The variable each agent sets, in its hooks' environment, to the project whose settings run
 * the hook (Claude Code's hooks reference; Gemini CLI's hooks reference). Cursor names its
 * session's folders in the input instead (`workspace_roots`: HookInput.projects).
 */
const PROJECT_VARIABLES: Partial<Record<GateAgent, string>> = {
  claude: 'CLAUDE_PROJECT_DIR',
  gemini: 'GEMINI_PROJECT_DIR',
};

/**
 * The projects a hook's session belongs to, as its agent names them (absolute paths only). A
 * command the agent runs from a folder no policy governs (`cd /tmp/x && …`) is still the
 * session's: a part of it Slipway cannot follow may reach the project by a path no word of the
 * command shows (`cat list | xargs rm`, the list naming the policy file), so the project's policy
 * asks about it, as it does in the project (judge-shell.ts).
 */
export function sessionProjects(input: HookInput, env: Record<string, string | undefined>): string[] {
  const variable = PROJECT_VARIABLES[input.agent];
  const named = variable === undefined ? undefined : env[variable];
  const all = [...(input.projects ?? []), ...(named === undefined ? [] : [named])];
  return [...new Set(all.filter(isAbsoluteAgentPath))];
}
