import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { githubWorkflows } from '../../src/ci-workflows.js';

// SchemaStore's github-workflow.json and github-action.json (see fixtures/schemastore/README.md).
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/schemastore/', import.meta.url));
const YAML = createRequire(join(root, 'packages/policy-core/package.json'))('yaml') as {
  parse(text: string): unknown;
};
const load = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as object;

// Draft-07 is ajv's default; strict mode would reject the schemas' untyped `properties`/`items`.
const ajv = new Ajv({ strict: false, allErrors: true });
const validateWorkflow = ajv.compile(load('github-workflow.json'));
const validateAction = ajv.compile(load('github-action.json'));

/** The errors that say what is wrong (oneOf/anyOf summaries only repeat their branches). */
function explain(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? [])
    .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf')
    .map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

const files = githubWorkflows({ productionBranch: 'main', action: 'acme/slipway@v1' }, { deploy: true });

describe('init --ci github workflows against SchemaStore github-workflow.json', () => {
  it('the schemas are the draft-07 files copied from SchemaStore', () => {
    expect(load('github-workflow.json')).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema' });
    expect(load('github-action.json')).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema' });
  });

  it.each(files.map((f) => [f.path, f.text]))('%s is a valid workflow', (_path, text) => {
    const ok = validateWorkflow(YAML.parse(text));
    expect(explain(validateWorkflow.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('for other production branches and environment names too', () => {
    const other = githubWorkflows(
      {
        productionBranch: 'release/prod',
        action: './',
        stagingEnvironment: 'preview',
        productionEnvironment: 'live',
      },
      { deploy: true },
    );
    for (const f of other) expect(validateWorkflow(YAML.parse(f.text)), f.path).toBe(true);
  });

  it('the validator catches what GitHub would reject (so the checks above can fail)', () => {
    const guard = YAML.parse(files[0]?.text ?? '') as {
      on: { pull_request: { types: string[] } };
      jobs: Record<string, Record<string, unknown>>;
    };
    const badType = structuredClone(guard);
    badType.on.pull_request.types.push('labelled');
    expect(validateWorkflow(badType)).toBe(false);
    const noRunner = structuredClone(guard);
    delete noRunner.jobs.guard?.['runs-on'];
    expect(validateWorkflow(noRunner)).toBe(false);
    const badStep = structuredClone(guard);
    // `shell` belongs to `run` steps only.
    (badStep.jobs.guard?.steps as Record<string, unknown>[] | undefined)?.push({
      uses: 'x/y@v1',
      shell: 'bash',
    });
    expect(validateWorkflow(badStep)).toBe(false);
  });
});

describe('action.yml against SchemaStore github-action.json', () => {
  const action = YAML.parse(readFileSync(join(root, 'action.yml'), 'utf8')) as Record<string, unknown>;

  it('is a valid action', () => {
    const ok = validateAction(action);
    expect(explain(validateAction.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator catches a composite run step without a shell', () => {
    const bad = structuredClone(action) as { runs: { steps: Record<string, unknown>[] } };
    const step = bad.runs.steps.find((s) => typeof s.run === 'string');
    if (step) delete step.shell;
    expect(validateAction(bad)).toBe(false);
  });
});

type Step = { uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown> };
type Job = { environment?: string; if?: string; steps: Step[] };
type Workflow = { name: string; on: Record<string, unknown>; jobs: Record<string, Job> };
const parsed = new Map(
  files.map((f) => [f.path.replace('.github/workflows/', ''), YAML.parse(f.text) as Workflow]),
);
const get = (name: string) => parsed.get(name) as Workflow;
const script = (job: Job | undefined) => (job?.steps ?? []).map((s) => s.run ?? '').join('\n');

describe('what the workflows do', () => {
  it('the guard runs on pull requests opened, synchronized, labeled, unlabeled and on pushes, and uploads SARIF', () => {
    const w = get('slipway-guard.yml');
    expect((w.on.pull_request as { types: string[] }).types).toEqual(
      expect.arrayContaining(['opened', 'synchronize', 'labeled', 'unlabeled']),
    );
    expect(w.on.push).toBeDefined();
    const step = w.jobs.guard?.steps.find((s) => s.uses === 'acme/slipway@v1');
    expect(step?.with).toMatchObject({ command: 'guard', sarif: true });
    // The action uploads SARIF with codeql-action, which needs this permission.
    expect((w as unknown as { permissions: Record<string, string> }).permissions['security-events']).toBe(
      'write',
    );
  });

  it('production promotion runs in an environment (its required reviewer gates the job) and takes the verified SHA', () => {
    const w = get('slipway-promote.yml');
    expect(w.jobs.production?.environment).toBe('production');
    const inputs = (w.on.workflow_dispatch as { inputs: Record<string, { required: boolean }> }).inputs;
    expect(inputs.sha?.required).toBe(true);
    expect(inputs.reason?.required).toBe(true);
    expect(script(w.jobs.production)).toContain('--approved-by');
  });

  it('"Rollback to last good" is a workflow_dispatch with a required reason', () => {
    const w = get('slipway-rollback.yml');
    expect(w.name).toBe('Rollback to last good');
    expect(Object.keys(w.on)).toEqual(['workflow_dispatch']);
    const inputs = (w.on.workflow_dispatch as { inputs: Record<string, { required: boolean }> }).inputs;
    expect(inputs.reason?.required).toBe(true);
    expect(w.jobs.rollback?.steps.find((s) => s.run?.includes('rollback'))?.env?.REASON).toBe(
      ['$', '{{ inputs.reason }}'].join(''),
    );
  });

  it('staging deploys the pushed agent SHA from a checkout of main and logs it there, so production sees it', () => {
    const job = get('slipway-promote.yml').jobs.staging;
    expect(job?.steps.find((s) => s.uses?.startsWith('actions/checkout'))?.with).toMatchObject({
      ref: 'main',
      'fetch-depth': 0,
    });
    expect(script(job)).toContain('promote "$GITHUB_SHA" --env staging --commit');
    expect(script(job)).toContain('git push origin "HEAD:$PUSH_BRANCH"');
    expect(job?.steps.find((s) => s.run?.includes('git push'))?.env?.PUSH_BRANCH).toBe('main');
  });

  it('production promote, rollback and watch share one concurrency group that no staging push can cancel', () => {
    type Concurrency = { group: string; 'cancel-in-progress': boolean };
    const promote = get('slipway-promote.yml') as unknown as {
      concurrency?: unknown;
      jobs: Record<string, { concurrency?: unknown }>;
    };
    const rollback = get('slipway-rollback.yml') as unknown as { concurrency?: Concurrency };
    const watch = get('slipway-watch.yml') as unknown as {
      concurrency?: unknown;
      jobs: Record<string, { concurrency?: Concurrency }>;
    };
    const shared = { group: 'slipway-production', 'cancel-in-progress': false };
    expect(promote.concurrency).toBeUndefined();
    expect(promote.jobs.production?.concurrency).toEqual(shared);
    expect(rollback.concurrency).toEqual(shared);
    expect(watch.concurrency).toBeUndefined();
    expect(watch.jobs.watch?.concurrency).toEqual(shared);
    // One staging environment: one verification at a time, in a group of its own.
    expect(promote.jobs.staging?.concurrency).toEqual({
      group: 'slipway-staging',
      'cancel-in-progress': false,
    });
  });

  it('the watch stands aside while a dispatched promote or rollback is under way (a queued run would cancel it)', () => {
    const w = get('slipway-watch.yml') as unknown as {
      jobs: Record<string, Job & { needs?: string; concurrency?: unknown }>;
    };
    expect(w.jobs.busy?.concurrency).toBeUndefined();
    expect(w.jobs.watch?.needs).toBe('busy');
    expect(w.jobs.watch?.if).toBe("needs.busy.outputs.busy != 'true'");
    const run = script(w.jobs.busy);
    expect(run).toContain('--workflow "$workflow" --event workflow_dispatch');
    expect(run).toContain('for workflow in slipway-promote.yml slipway-rollback.yml');
  });

  it('the scheduled watch runs in its own environment, without the production reviewer', () => {
    const w = get('slipway-watch.yml');
    expect(w.jobs.watch?.environment).toBe('production-watch');
    const header = files.find((f) => f.path.endsWith('slipway-watch.yml'))?.text ?? '';
    expect(header).toContain('its own environment, "production-watch"');
    expect(header).toMatch(/NO required\s+#\s+reviewers/);
    expect(header).toMatch(/deployment\s+#\s+branches are restricted to main/);
    expect(script(w.jobs.watch)).toContain('watch --env production');
    const other = githubWorkflows(
      { productionBranch: 'main', action: './', productionEnvironment: 'live' },
      { deploy: true },
    );
    const otherWatch = YAML.parse(
      other.find((f) => f.path.endsWith('slipway-watch.yml'))?.text ?? '',
    ) as Workflow;
    expect(otherWatch.jobs.watch?.environment).toBe('live-watch');
  });

  it('records the environment reviewer who approved, not whoever dispatched the run', () => {
    for (const [name, job] of [
      ['slipway-promote.yml', 'production'],
      ['slipway-rollback.yml', 'rollback'],
    ] as const) {
      const w = get(name) as Workflow & { permissions: Record<string, string> };
      expect(w.permissions.actions, name).toBe('read');
      const text = files.find((f) => f.path.endsWith(name))?.text ?? '';
      expect(text, name).not.toContain('triggering_actor');
      const steps = w.jobs[job]?.steps ?? [];
      const lookup = steps.find((s) => s.run?.includes('/approvals'));
      expect(lookup?.run, name).toContain(
        'gh api "repos/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID/approvals"',
      );
      expect(lookup?.run, name).toContain('.state == "approved"');
      expect(lookup?.run, name).toContain('.name == $ENV.ENVIRONMENT');
      expect(lookup?.env, name).toEqual({
        GH_TOKEN: ['$', '{{ github.token }}'].join(''),
        ENVIRONMENT: 'production',
      });
      // No approval: the job fails and says why rather than inventing an approver.
      expect(lookup?.run, name).toMatch(
        /if \[ -z "\$login" \]; then\n\s*echo "::error::No reviewer approved[^\n]*\n\s*exit 1/,
      );
      const deploy = steps.find((s) => s.run?.includes('--approved-by'));
      expect(deploy?.env?.APPROVER, name).toBe(['$', '{{ steps.approver.outputs.login }}'].join(''));
      expect(steps.indexOf(lookup as Step), name).toBeLessThan(steps.indexOf(deploy as Step));
    }
  });

  it('jobs that commit to the production branch check it out explicitly; promote deploys the input SHA on top of it', () => {
    for (const [name, job] of [
      ['slipway-promote.yml', 'production'],
      ['slipway-rollback.yml', 'rollback'],
      ['slipway-watch.yml', 'watch'],
    ] as const) {
      const checkout = get(name).jobs[job]?.steps.find((s) => s.uses?.startsWith('actions/checkout'));
      expect(checkout?.with, `${name} ${job}`).toMatchObject({ ref: 'main', 'fetch-depth': 0 });
    }
    const other = githubWorkflows({ productionBranch: 'trunk', action: './' }, { deploy: true });
    const rollback = YAML.parse(
      other.find((f) => f.path.endsWith('slipway-rollback.yml'))?.text ?? '',
    ) as Workflow;
    expect(rollback.jobs.rollback?.steps.find((s) => s.uses?.startsWith('actions/checkout'))?.with?.ref).toBe(
      'trunk',
    );
    const deploy = get('slipway-promote.yml').jobs.production?.steps.find((s) => s.run?.includes('promote'));
    expect(deploy?.run).toContain('promote "$SHA"');
    expect(deploy?.env?.SHA).toBe(['$', '{{ inputs.sha }}'].join(''));
  });

  it('a failed or refused deploy still pushes its audit entries, restacking onto a moved branch, then fails the job', () => {
    for (const [name, job, branch] of [
      ['slipway-promote.yml', 'staging', 'main'],
      ['slipway-promote.yml', 'production', 'main'],
      ['slipway-rollback.yml', 'rollback', 'main'],
      ['slipway-watch.yml', 'watch', 'main'],
    ] as const) {
      const step = get(name).jobs[job]?.steps.find((s) => s.run?.includes('git push'));
      const run = step?.run ?? '';
      expect(step?.env?.PUSH_BRANCH, `${name} ${job}`).toBe(branch);
      expect(run, `${name} ${job}`).toMatch(
        /--commit && code=0 \|\| code=\$\?\n\s*for attempt in [^\n]+; do\n\s*git push origin "HEAD:\$PUSH_BRANCH" && break\n/,
      );
      expect(run, `${name} ${job}`).toContain(
        'git fetch origin "+refs/heads/$PUSH_BRANCH:refs/remotes/origin/$PUSH_BRANCH"',
      );
      // A rebase would conflict on the log whenever the other job appended too (test/deploy/ci-push-race.test.ts).
      expect(run, `${name} ${job}`).toMatch(
        /if ! node "\$SLIPWAY" restack "origin\/\$PUSH_BRANCH"; then\n\s*echo "::error::[^\n]*cannot be restacked[^\n]*"\n\s*git format-patch --stdout [^\n]+\n\s*exit 1/,
      );
      expect(run, `${name} ${job}`).not.toContain('git rebase');
      expect(run, `${name} ${job}`).toMatch(/done\n\s*exit "\$code"\n?$/);
      expect(run, `${name} ${job}`).not.toMatch(/--force|push -f|\+HEAD/);
      expect(run, `${name} ${job}`).not.toContain('|| true');
    }
  });
});
