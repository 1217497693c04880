/**
 * The coding agents whose shell tool marks each command it runs with a variable of its own: a
 * deploy command run through one is the agent's, whatever git identity the person's config
 * gives it (an agent working on someone's machine commits as them). A mark can be removed by the
 * agent's own command (`env -u CLAUDECODE …`); it is one more signal beside the identity model,
 * and the agent hooks judge the command before it runs.
 */
interface RuntimeMark {
  variable: string;
  /** The value the agent sets; undefined: any value. */
  value?: string;
  agent: string;
  /** Where the agent's code or its maintainers say so. */
  source: string;
}

const MARKS: readonly RuntimeMark[] = [
  {
    variable: 'CLAUDECODE',
    value: '1',
    agent: 'Claude Code',
    source: 'https://github.com/anthropics/claude-code/issues/531',
  },
  {
    variable: 'GEMINI_CLI',
    value: '1',
    agent: 'Gemini CLI',
    source: 'google-gemini/gemini-cli packages/core/src/services/shellExecutionService.ts',
  },
  {
    variable: 'CODEX_SANDBOX_NETWORK_DISABLED',
    value: '1',
    agent: 'OpenAI Codex',
    source: 'openai/codex codex-rs/core/src/spawn.rs (CODEX_SANDBOX_NETWORK_DISABLED_ENV_VAR)',
  },
  {
    variable: 'CODEX_SANDBOX',
    agent: 'OpenAI Codex',
    source: 'openai/codex codex-rs/core/src/spawn.rs (CODEX_SANDBOX_ENV_VAR)',
  },
];

/** The variables, for hosts that must not pass them on (a test's own runs). */
export const AGENT_RUNTIME_VARIABLES: readonly string[] = MARKS.map((m) => m.variable);

/** The agent whose shell this environment is, with the variable that says so. */
export function agentRuntime(
  env: Record<string, string | undefined>,
): { agent: string; variable: string } | undefined {
  for (const m of MARKS) {
    const v = env[m.variable];
    if (v !== undefined && v !== '' && (m.value === undefined || v === m.value))
      return { agent: m.agent, variable: m.variable };
  }
  return undefined;
}
