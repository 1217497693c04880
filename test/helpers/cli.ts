import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The marks a coding agent's shell sets (policy-core's AGENT_RUNTIME_VARIABLES, held to them by
 * test/deploy/agent-shell-marks.test.ts): a suite run by an agent must not make every deploy in
 * it the agent's. The editor suite, which resolves no workspace package, takes them from here.
 */
export const AGENT_SHELL_MARKS = {
  CLAUDECODE: undefined,
  GEMINI_CLI: undefined,
  CODEX_SANDBOX: undefined,
  CODEX_SANDBOX_NETWORK_DISABLED: undefined,
} as const;

/**
 * What a test's `slipway` run never inherits from the test process: the CI event of the machine
 * the suite runs on, forced colour (piped text would turn into the terminal form), and
 * NODE_EXTRA_CA_CERTS: a machine that sets it makes every Node start load that certificate bundle
 * (~0.05-0.1 s of CPU, a third of an empty Node's start), and the CLI reaches nothing but
 * 127.0.0.1 in the tests. npm, which the publish and Action tests run against the registry
 * (through a proxy with its own CA on some machines), keeps it.
 */
export const CLI_ENV_UNSET = {
  // pnpm's bin shims (vitest's) put the workspace's package store on NODE_PATH, where the CLI
  // script's `require` of an optional package would find it after the install's own node_modules;
  // a user's machine has no such path.
  NODE_PATH: undefined,
  GITHUB_EVENT_PATH: undefined,
  GITHUB_HEAD_REF: undefined,
  FORCE_COLOR: undefined,
  NODE_EXTRA_CA_CERTS: undefined,
  // The project an agent's hook runs for (hook/session-projects.ts): a run inside an agent's
  // session must not lend the tests its project.
  CLAUDE_PROJECT_DIR: undefined,
  GEMINI_PROJECT_DIR: undefined,
  ...AGENT_SHELL_MARKS,
} as const;

/** The environment a test's CLI run gets: this process's, without CLI_ENV_UNSET, with `extra`. */
export function cliEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env, ...CLI_ENV_UNSET, ...extra };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as Record<string, string>;
}

export const CLI = fileURLToPath(new URL('../../packages/cli/dist/slipway.mjs', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI (what users run) as a child process; `cli`: a test's copy of it. */
export function slipway(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string; cli?: string } = {},
): CliResult {
  const env = cliEnv(opts.env);
  const r = spawnSync(process.execPath, [opts.cli ?? CLI, ...args], {
    cwd: opts.cwd,
    env,
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `slipway` without blocking this process: for tests whose CLI run talks to a server this
 * process runs (a stand-in API on 127.0.0.1), which a synchronous spawn would starve.
 */
export function slipwayAsync(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; cli?: string } = {},
): Promise<CliResult> {
  const env = cliEnv(opts.env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [opts.cli ?? CLI, ...args], {
      cwd: opts.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
