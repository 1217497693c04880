import type { GateAgent } from '../../agent-gate/tool-call.js';

/**
 * How an agent's hook finds Slipway, once per tool call, quickly and without the network: the
 * repository's own install first (`node_modules/.bin/slipway` at the project root, the version
 * its lockfile pins, the same one CI runs), else a `slipway` on PATH. `npx` is not used: it costs
 * half a second and more on every tool call, and without `--no` would fetch a package.
 * When neither is there the tool call is refused, in the way each agent reads a refusal
 * (MISSING_ANSWER), with one line saying what to install: a gate that is missing must not read as
 * a gate that allowed (every agent lets a call through when its hook merely fails).
 *
 * The project root is the agent's own variable when it sets one (Claude's CLAUDE_PROJECT_DIR,
 * Gemini's GEMINI_PROJECT_DIR), else what git says the working tree is: hooks may run in a
 * subdirectory (Cursor runs them beside .cursor/hooks.json).
 */
export function hookCommand(agent: GateAgent, projectDirVariable?: string): string {
  const gitRoot = '$(git rev-parse --show-toplevel 2>/dev/null || pwd)';
  const root = projectDirVariable ? `\${${projectDirVariable}:-${gitRoot}}` : gitRoot;
  const refuse = MISSING_ANSWER[agent];
  const answer = refuse ? `printf '%s\\n' '${refuse.stdout(missing(agent))}'; exit ${refuse.exit}` : 'exit 2';
  return (
    `b="${root}/node_modules/.bin/slipway"; [ -x "$b" ] || b="$(command -v slipway)" || ` +
    `{ echo "${missing(agent)}" >&2; ${answer}; }; exec "$b" hook ${agent}`
  );
}

/** The same for PowerShell (Copilot on Windows): stdin is handed on as it came. */
export function hookPowerShell(agent: GateAgent): string {
  const refuse = MISSING_ANSWER[agent];
  const answer = refuse ? `Write-Output '${refuse.stdout(missing(agent))}'; exit ${refuse.exit}` : 'exit 2';
  return (
    `$b = Join-Path (git rev-parse --show-toplevel) 'node_modules/.bin/slipway.cmd'; ` +
    `if (-not (Test-Path $b)) { $c = Get-Command slipway -ErrorAction SilentlyContinue; ` +
    `if (-not $c) { [Console]::Error.WriteLine('${missing(agent)}'); ${answer} }; $b = $c.Source }; ` +
    `[Console]::In.ReadToEnd() | & $b hook ${agent}; exit $LASTEXITCODE`
  );
}

/**
 * How an agent is told "no" when its hook cannot run Slipway, where exit 2 and a line on stderr
 * are not enough: Copilot acts only on a `deny` on stdout (after exit 0; a failing hook lets the
 * call through), Cursor documents its answer on stdout (and denies on exit 2 in current
 * releases: both are given). Claude Code, Codex and Gemini CLI block on exit 2 with the reason on
 * stderr. (agent-gate/agents/README.md has each protocol and its sources.)
 */
const MISSING_ANSWER: Partial<Record<GateAgent, { stdout: (reason: string) => string; exit: number }>> = {
  copilot: {
    stdout: (reason) => JSON.stringify({ permissionDecision: 'deny', permissionDecisionReason: reason }),
    exit: 0,
  },
  cursor: {
    stdout: (reason) => JSON.stringify({ permission: 'deny', user_message: reason, agent_message: reason }),
    exit: 2,
  },
};

const missing = (agent: GateAgent) =>
  `slipway hook ${agent}: Slipway is not installed in this repository (npm install --save-dev @slipway/cli); the tool call is refused until it is`;

/**
 * The MCP server entry every agent gets: started once per session, so npx's start-up cost is
 * paid once; `--no` (npm 7+; what `--no-install` became) keeps it to the repository's (or PATH's) own Slipway.
 */
export const MCP_SERVER = { command: 'npx', args: ['--no', 'slipway', 'mcp'] } as const;

/** Whether a hook entry an agent's file holds already runs `slipway hook <agent>` (any spelling). */
export function runsSlipwayHook(agent: GateAgent): (element: unknown) => boolean {
  const hook = new RegExp(`\\bhook ${agent}\\b`);
  const strings = (v: unknown): string[] =>
    typeof v === 'string'
      ? [v]
      : Array.isArray(v)
        ? v.flatMap(strings)
        : v && typeof v === 'object'
          ? Object.values(v).flatMap(strings)
          : [];
  return (element) => strings(element).some((s) => s.includes('slipway') && hook.test(s));
}
