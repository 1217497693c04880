import type { GateAgent } from '../../agent-gate/tool-call.js';

/**
 * How long an agent waits for its hook (what init writes: Claude, Codex and Cursor in seconds,
 * Copilot's `timeoutSec`, Gemini's in milliseconds), and how long the hook command lets Slipway
 * run before it refuses the call itself: a few seconds under the agent's limit, so the refusal is
 * said before the agent gives up on the hook — every agent runs the call when its hook times out.
 */
export const HOOK_TIMEOUT_SECONDS = 30;
export const HOOK_DEADLINE_SECONDS = 25;

/**
 * How an agent's hook finds Slipway, once per tool call, quickly and without the network: the
 * repository's own install first (`node_modules/.bin/slipway` at the project root, the version
 * its lockfile pins, the same one CI runs), else a `slipway` on PATH. `npx` is not used: it costs
 * half a second and more on every tool call, and without `--no` would fetch a package.
 *
 * Every agent lets a call through when its hook fails: it times out, crashes, or exits with
 * another code than the refusal's. So the command never leaves that to the agent:
 * - Slipway missing: the call is refused, in the way the agent reads a refusal (`r`, below), with
 *   one line saying what to install — a gate that is missing must not read as one that allowed;
 * - Slipway running past `deadline` seconds (an input it is slow on, a machine under load): a
 *   watchdog kills it, and the call is refused;
 * - Slipway ending in any other way than its answers (exit 0 or 2: a crash, a signal, running
 *   out of memory): the call is refused.
 * Slipway runs as a child (not `exec`) so the shell outlives it and can say that no. The watchdog
 * is a subshell around `sleep`: on Slipway's answer the shell ends it, and its trap ends the
 * `sleep`, so nothing is left behind; its output goes nowhere, so the agent never waits on it.
 * POSIX sh (dash, bash and zsh run it the same); stdin is handed on through fd 3, since an
 * asynchronous command's stdin is otherwise /dev/null.
 *
 * The project root is the agent's own variable when it sets one (Claude's CLAUDE_PROJECT_DIR,
 * Gemini's GEMINI_PROJECT_DIR), else what git says the working tree is: hooks may run in a
 * subdirectory (Cursor runs them beside .cursor/hooks.json).
 */
export function hookCommand(
  agent: GateAgent,
  projectDirVariable?: string,
  deadline: number = HOOK_DEADLINE_SECONDS,
): string {
  const gitRoot = '$(git rev-parse --show-toplevel 2>/dev/null || pwd)';
  const root = projectDirVariable ? `\${${projectDirVariable}:-${gitRoot}}` : gitRoot;
  const stopped = `slipway hook ${agent} gave no decision (exit $c: stopped at the ${deadline} s deadline, or it crashed); the tool call is refused: try a smaller change, or ask a human to make this one`;
  return (
    `r() { ${refusal(agent)}; }; ` +
    `b="${root}/node_modules/.bin/slipway"; [ -x "$b" ] || b="$(command -v slipway)" || r "${missing(agent)}"; ` +
    `exec 3<&0; "$b" hook ${agent} <&3 3<&- & p=$!; ` +
    `( trap 'kill $s 2>/dev/null; exit 0' TERM; sleep ${deadline} & s=$!; wait $s; kill -9 $p ) >/dev/null 2>&1 3<&- & w=$!; ` +
    `wait $p 2>/dev/null; c=$?; kill $w 2>/dev/null; ` +
    `[ $c -eq 0 ] || [ $c -eq 2 ] || r "${stopped}"; exit $c`
  );
}

/**
 * The shell function that refuses the call with the reason `$1`, as the agent reads a refusal:
 * the reason on stderr and exit 2 (Claude Code, Codex, Gemini CLI), and where the agent reads its
 * answer on stdout, that answer too (STDOUT_REFUSAL). The reasons hold no `"`, `\`, `%` or `'`,
 * so `%s` puts them into the JSON as they are.
 */
function refusal(agent: GateAgent): string {
  const answer = STDOUT_REFUSAL[agent];
  const format = answer?.stdout('%s');
  const json = format ? `printf '${format}\\n'${' "$1"'.repeat(format.split('%s').length - 1)}; ` : '';
  return `echo "$1" >&2; ${json}exit ${answer?.exit ?? 2}`;
}

/**
 * Slipway found the same way for PowerShell (Copilot on Windows): stdin is handed on as it came.
 * Not yet here: the deadline and the refusal of a crash (a PowerShell that runs this could not be
 * tried where Slipway is built), so on Windows Copilot's own timeout and fail-open behaviour hold.
 */
export function hookPowerShell(agent: GateAgent): string {
  const refuse = STDOUT_REFUSAL[agent];
  const answer = refuse ? `Write-Output '${refuse.stdout(missing(agent))}'; exit ${refuse.exit}` : 'exit 2';
  return (
    `$b = Join-Path (git rev-parse --show-toplevel) 'node_modules/.bin/slipway.cmd'; ` +
    `if (-not (Test-Path $b)) { $c = Get-Command slipway -ErrorAction SilentlyContinue; ` +
    `if (-not $c) { [Console]::Error.WriteLine('${missing(agent)}'); ${answer} }; $b = $c.Source }; ` +
    `[Console]::In.ReadToEnd() | & $b hook ${agent}; exit $LASTEXITCODE`
  );
}

/**
 * How an agent is told "no" by the hook command itself (Slipway missing, stopped or crashed), where
 * exit 2 and a line on stderr are not enough: Copilot acts only on a `deny` on stdout (after exit 0; a failing hook lets the
 * call through), Cursor documents its answer on stdout (and denies on exit 2 in current
 * releases: both are given). Claude Code, Codex and Gemini CLI block on exit 2 with the reason on
 * stderr. (agent-gate/agents/README.md has each protocol and its sources.)
 */
const STDOUT_REFUSAL: Partial<Record<GateAgent, { stdout: (reason: string) => string; exit: number }>> = {
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

/**
 * How init knows Slipway's hook entry in an agent's file: it runs `slipway hook <agent>` (any
 * spelling: an earlier run's, or one someone edited), and, kept, whether its shell command lacks
 * the deadline's watchdog (written before it, or edited out): said, since there a Slipway that
 * hangs or crashes lets the call run. (Copilot's PowerShell command has no watchdog yet.)
 */
export function slipwayHookEntry(agent: GateAgent): {
  has: (element: unknown) => boolean;
  outdated: (element: unknown) => string | undefined;
} {
  const hook = new RegExp(`\\bhook ${agent}\\b`);
  const commands = (element: unknown) =>
    strings(element).filter((s) => s.includes('slipway') && hook.test(s));
  return {
    has: (element) => commands(element).length > 0,
    outdated: (element) =>
      commands(element).some((s) => !s.includes('Join-Path') && !s.includes('kill -9'))
        ? 'its command has no deadline, so a Slipway that hangs or crashes lets the call run: delete the entry and run slipway init --agents again'
        : undefined,
  };
}

const strings = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(strings)
      : v && typeof v === 'object'
        ? Object.values(v).flatMap(strings)
        : [];
