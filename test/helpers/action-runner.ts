import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runProcess } from './run-process.js';

const { parse } = createRequire(new URL('../../packages/policy-core/package.json', import.meta.url))(
  'yaml',
) as {
  parse(text: string): unknown;
};

export interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}

export interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface StepRun {
  step: ActionStep;
  /** The step's `if` held (and no earlier step failed, unless it says always()). */
  wanted: boolean;
  /** It was run here: wanted, and a `run` step (a `uses` step is GitHub's action). */
  ran: boolean;
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a composite action's steps as a GitHub runner does: `${{ inputs.* }}` substituted in
 * `env`, each `run` under `bash --noprofile --norc -eo pipefail`, `$GITHUB_ENV` lines carried to
 * the steps after, `if:` evaluated (the expressions this action uses: `inputs.*`, `==`, `!=`,
 * `&&`, `||`, `always()`, `hashFiles()`), and the run stopped at the first failing step.
 * `uses:` steps are not run here (their actions are GitHub's): they are returned unrun for the
 * caller to check their `with:`.
 *
 * `reuse` names steps (by the start of their name) that an earlier runAction already ran for the
 * same inputs, with what they wrote to $GITHUB_ENV: they are returned unrun (ran: false) and their
 * lines reach the steps after. For the install step, whose npm install costs seconds a run and
 * gives the same files each time; the run that installed is where its result is asserted.
 */
export async function runAction(
  actionFile: string,
  cwd: string,
  given: Record<string, string>,
  runnerEnv: Record<string, string>,
  reuse: { steps: string[]; env: Record<string, string> } = { steps: [], env: {} },
): Promise<StepRun[]> {
  const action = parse(readFileSync(actionFile, 'utf8')) as Action;
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) inputs[name] = given[name] ?? spec.default ?? '';
  const envFile = runnerEnv.GITHUB_ENV as string;
  const env: Record<string, string | undefined> = { ...process.env, ...runnerEnv };
  const expand = (text: string) =>
    text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, name: string) => inputs[name] ?? '');
  const runs: StepRun[] = [];
  let failed = false;
  for (const step of action.runs.steps) {
    const wanted = step.if ? evaluate(step.if, inputs, cwd, failed) : !failed;
    if (!wanted || step.uses) {
      runs.push({ step, wanted, ran: false, code: 0, stdout: '', stderr: '' });
      continue;
    }
    if (reuse.steps.some((name) => (step.name ?? '').startsWith(name))) {
      runs.push({ step, wanted, ran: false, code: 0, stdout: '', stderr: '' });
      Object.assign(env, reuse.env);
      continue;
    }
    const stepEnv: Record<string, string | undefined> = { ...env };
    for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = expand(v);
    // Not a synchronous spawn: a step installs the CLI with npm, which may take over a minute.
    const r = await runProcess(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run ?? '')],
      {
        cwd,
        env: stepEnv as NodeJS.ProcessEnv,
      },
    );
    runs.push({ step, wanted, ran: true, ...r });
    if (r.code !== 0) failed = true;
    // What the step wrote to $GITHUB_ENV reaches the steps after it.
    if (existsSync(envFile)) Object.assign(env, envLines(envFile));
  }
  return runs;
}

/** A step condition, with the functions and operators the action's own conditions use. */
function evaluate(expr: string, inputs: Record<string, string>, cwd: string, failed: boolean): boolean {
  const js = expr
    .replace(/\balways\(\)/g, 'true')
    .replace(/\bhashFiles\('([^']*)'\)/g, (_m, f: string) =>
      JSON.stringify(existsSync(join(cwd, f)) ? 'hash' : ''),
    )
    .replace(/\binputs\.([\w-]+)/g, (_m, n: string) => JSON.stringify(inputs[n] ?? ''))
    .replace(/==/g, '===')
    .replace(/!===/g, '!==');
  const value = new Function(`return (${js});`)() as boolean;
  // Without always(), a step after a failure does not run.
  return /\balways\(\)/.test(expr) ? value : value && !failed;
}

/** The NAME=value lines a job's steps wrote to $GITHUB_ENV. */
export function envLines(envFile: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(envFile, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/** Files a runner provides to every step, empty at the start of a job. */
export function runnerFiles(dir: string): {
  GITHUB_ENV: string;
  GITHUB_OUTPUT: string;
  GITHUB_STEP_SUMMARY: string;
  RUNNER_TEMP: string;
  GITHUB_ACTIONS: string;
  CI: string;
} {
  const files = {
    GITHUB_ENV: join(dir, 'github-env'),
    GITHUB_OUTPUT: join(dir, 'github-output'),
    GITHUB_STEP_SUMMARY: join(dir, 'step-summary.md'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  return { ...files, RUNNER_TEMP: dir, GITHUB_ACTIONS: 'true', CI: 'true' };
}
