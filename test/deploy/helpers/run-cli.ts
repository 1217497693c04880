import { type ChildProcess, spawn } from 'node:child_process';
import { CLI, CLI_ENV_UNSET } from '../../helpers/cli.js';
import { slipwayInProcessAsync } from '../../helpers/in-process-cli.js';

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the bundled CLI asynchronously: the test process also serves the health endpoints, so
 * it must not block while the CLI runs (spawnSync would deadlock the checks).
 */
export function startCli(
  args: string[],
  opts: { cwd: string; env?: Record<string, string | undefined>; input?: string },
): { child: ChildProcess; done: Promise<Run>; output: () => { stdout: string; stderr: string } } {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...CLI_ENV_UNSET,
    ...DEPLOY_ENV_UNSET,
    ...opts.env,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: env as NodeJS.ProcessEnv });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  child.stdin?.end(opts.input ?? '');
  const done = new Promise<Run>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  // What the run has printed so far: a test waits for a progress line before it acts.
  return { child, done, output: () => ({ stdout, stderr }) };
}

/**
 * `slipway …` run to its end, in this test process (test/helpers/in-process-cli.ts): the same
 * bundle, arguments, environment and output as a child's, without a process's ~0.5 s of start-up
 * per command (the deploy tests run some 900). What belongs to the process itself stays with
 * startCli: a run the test signals, kills or races against another, the exit code a shell sees.
 */
export async function runCli(
  args: string[],
  opts: { cwd: string; env?: Record<string, string | undefined>; input?: string },
): Promise<Run> {
  const r = await slipwayInProcessAsync(args, { ...opts, env: { ...DEPLOY_ENV_UNSET, ...opts.env } });
  return { ...r, signal: null };
}

/** `slipway …` as a child process, run to its end: for a test whose subject is the process's output. */
export function runCliProcess(
  args: string[],
  opts: { cwd: string; env?: Record<string, string | undefined>; input?: string },
): Promise<Run> {
  return startCli(args, opts).done;
}

/** What a deploy test's run never inherits from the machine the suite runs on. */
const DEPLOY_ENV_UNSET = { GITHUB_ACTIONS: undefined, CI: undefined };
