import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileIdentity, matchIdentity } from '@slipway/policy-core';
import { githubWorkflows, writeGithubWorkflows } from '../../src/ci-workflows.js';

// The YAML parser is policy-core's dependency; load it from there rather than adding one here.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const YAML = createRequire(join(root, 'packages/policy-core/package.json'))('yaml') as {
  parse(text: string): unknown;
};

type Step = {
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  if?: string;
};
type Job = { environment?: string; if?: string; steps: Step[] };
type Workflow = { name: string; on: Record<string, unknown>; jobs: Record<string, Job> };

const files = githubWorkflows({ productionBranch: 'main', action: 'acme/slipway@v1' }, { deploy: true });
const parsed = new Map(files.map((f) => [f.path, YAML.parse(f.text) as Workflow]));
const get = (p: string) => parsed.get(`.github/workflows/${p}`) as Workflow;

describe('init --ci github workflows', () => {
  it('are valid YAML', () => {
    for (const f of files) expect(() => YAML.parse(f.text), f.path).not.toThrow();
  });

  it('guard runs on pull requests, labels included, and on pushes to the production branch, uploading SARIF', () => {
    const w = get('slipway-guard.yml');
    expect((w.on.pull_request as { types: string[] }).types).toEqual(
      expect.arrayContaining(['opened', 'synchronize', 'labeled', 'unlabeled']),
    );
    expect(w.on.push).toEqual({ branches: ['main'] });
    const step = w.jobs.guard?.steps.find((s) => s.uses === 'acme/slipway@v1');
    expect(step?.with).toMatchObject({ command: 'guard', sarif: true });
    expect(w.jobs.guard?.steps[0]?.with).toMatchObject({ 'fetch-depth': 0 });
  });

  it('promote to production waits for the production environment (its reviewer)', () => {
    const w = get('slipway-promote.yml');
    expect(w.jobs.production?.environment).toBe('production');
    expect(w.jobs.staging?.environment).toBe('staging');
    expect(w.on.push).toEqual({ branches: ['auto/**'] });
    const run = w.jobs.production?.steps.map((s) => s.run ?? '').join('\n');
    expect(run).toContain('promote "$SHA" --env production');
    expect(run).toContain('--commit');
  });

  it('"Rollback to last good" is a workflow_dispatch with a required reason', () => {
    const w = get('slipway-rollback.yml');
    expect(w.name).toBe('Rollback to last good');
    expect(
      (w.on.workflow_dispatch as { inputs: Record<string, { required: boolean }> }).inputs.reason?.required,
    ).toBe(true);
    expect(w.jobs.rollback?.environment).toBe('production');
  });

  it('never paste user input into a shell script (inputs travel through env)', () => {
    for (const [path, w] of parsed) {
      for (const job of Object.values(w.jobs)) {
        for (const s of job.steps) expect(s.run ?? '', path).not.toMatch(/\$\{\{/);
      }
    }
  });

  it("commit as an identity that agents.identities' usual pattern does not take for an agent", () => {
    const agents = ['*[bot]@users.noreply.github.com'].map(compileIdentity);
    for (const [path, w] of parsed) {
      for (const job of Object.values(w.jobs)) {
        const step = job.steps.find((s) => s.run?.includes('git config user.email'));
        if (!step?.run) continue;
        const name = /user\.name "([^"]+)"/.exec(step.run)?.[1] ?? '';
        const email = /user\.email "([^"]+)"/.exec(step.run)?.[1] ?? '';
        expect(email, path).toMatch(/@/);
        expect(matchIdentity(agents, { name, email }), path).toBeUndefined();
      }
    }
    // Near miss: the old identity was one.
    expect(
      matchIdentity(agents, { name: 'slipway[bot]', email: 'slipway[bot]@users.noreply.github.com' }),
    ).toBeDefined();
  });

  it('are written once, and replaced only with force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-ci-'));
    const opts = { productionBranch: 'main', action: 'acme/slipway@v1' };
    expect(writeGithubWorkflows(dir, opts, { deploy: true })).toHaveLength(4);
    expect(() => writeGithubWorkflows(dir, opts, { deploy: true })).toThrow(/already exist; pass --force/);
    expect(writeGithubWorkflows(dir, opts, { deploy: true }, true)).toHaveLength(4);
  });

  it('without a deploy section, only the guard: promote, rollback and watch would act on nothing', () => {
    const opts = { productionBranch: 'main', action: 'acme/slipway@v1' };
    expect(githubWorkflows(opts, { deploy: false }).map((f) => f.path)).toEqual([
      '.github/workflows/slipway-guard.yml',
    ]);
  });
});

describe('action.yml', () => {
  const action = YAML.parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
    runs: { using: string; steps: Step[] };
    inputs: Record<string, { default: string }>;
  };

  it('is a composite action that runs the CLI and uploads SARIF', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.inputs.command?.default).toBe('guard');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(upload?.with).toMatchObject({ sarif_file: 'slipway.sarif' });
    for (const s of action.runs.steps) expect(s.run ?? '').not.toMatch(/\$\{\{\s*inputs/);
  });
});
