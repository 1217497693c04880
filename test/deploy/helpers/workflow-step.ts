import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CLI } from '../../helpers/cli.js';
import type { Run } from './run-cli.js';

const { parse } = createRequire(new URL('../../../packages/policy-core/package.json', import.meta.url))(
  'yaml',
) as { parse(text: string): unknown };

export type WorkflowStep = { name?: string; run?: string; env?: Record<string, string> };
export type Workflow = { jobs: Record<string, { steps: WorkflowStep[] }> };

/** A generated workflow as a runner's checkout has it (`.github/workflows/<file>`). */
export function readWorkflow(dir: string, file: string): Workflow {
  return parse(readFileSync(join(dir, '.github/workflows', file), 'utf8')) as Workflow;
}

/**
 * Runs one step's `run:` script as GitHub runs it (bash -eo pipefail) in `dir`, a clone standing
 * for a runner: in CI, as actor "ada", with $SLIPWAY the built CLI. The git identity comes from
 * the workflow's own identity step (the test's GIT_AUTHOR_* are removed), as on a runner.
 */
export function runWorkflowShell(
  dir: string,
  script: string,
  env: Record<string, string | undefined>,
): Promise<Run> {
  const full: Record<string, string | undefined> = {
    ...process.env,
    GITHUB_EVENT_PATH: undefined,
    GITHUB_HEAD_REF: undefined,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTOR: 'ada',
    SLIPWAY: CLI,
    ...env,
    // Last, so that a fixture's environment cannot put a test identity back.
    GIT_AUTHOR_NAME: undefined,
    GIT_AUTHOR_EMAIL: undefined,
    GIT_COMMITTER_NAME: undefined,
    GIT_COMMITTER_EMAIL: undefined,
  };
  for (const k of Object.keys(full)) if (full[k] === undefined) delete full[k];
  return new Promise<Run>((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: dir,
      env: full as NodeJS.ProcessEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
