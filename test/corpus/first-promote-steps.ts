import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CliResult } from '../helpers/cli.js';
import { IDENTITY as PERSON, type TempRepo } from '../helpers/git-repo.js';
import { slipwayInProcessAsync } from '../helpers/in-process-cli.js';

/**
 * The first hour's commands, as the deploy guide lists them, for any kind of project: `init`,
 * paste the deploy section init cannot guess (where production is and what deploys it),
 * `baseline`, commit, `promote --env production --commit`. Each test runs them through the built
 * CLI's bundle against a real HTTP health check and counts what the team typed (the issue's ≤ 5).
 * The bundle runs in the test process (test/helpers/in-process-cli.ts), asynchronously, as the
 * deploy tests run theirs: the same arguments, environment and output as a child's, without a
 * process's start-up per command; this thread serves the health check meanwhile. What the commands
 * decide is the subject here, not the process (the exit code a shell sees is tested in test/cli).
 */
export const DEPLOY_SECTION = `
deploy:
  record: deploy/LAST_PROD_DEPLOY.json
  audit_log: deploy/audit.jsonl
  environments:
    production:
      url: "\${PROD_URL}"
      health: [/health]
      deploy: ["sh", "scripts/deploy.sh"]
      approval: required
`;
export const DEPLOY_SCRIPT = '#!/bin/sh\nset -e\necho "deployed $SLIPWAY_SHA to $SLIPWAY_ENV"\n';
export const APPROVE = ['--yes', '--approved-by', 'Ada Approver'];

export interface FirstHour {
  /** Every command the team typed, in order. */
  typed: string[];
  /** The commit the first promote shipped. */
  adopted: string;
  run: (...args: string[]) => Promise<CliResult>;
  /** The deploy record's last good commit, read now. */
  lastGood: () => string;
  /** init's output, for the test's own checks of what it detected. */
  init: CliResult;
}

/** From an untouched, committed project to a first production promote that passes. */
export async function firstPromote(repo: TempRepo, prodUrl: string): Promise<FirstHour> {
  const typed: string[] = [];
  const run = (...args: string[]): Promise<CliResult> => {
    typed.push(`slipway ${args.join(' ')}`);
    return slipwayInProcessAsync(args, { cwd: repo.dir, env: { ...PERSON, PROD_URL: prodUrl } });
  };
  const init = await run('init');
  expect(init.code, init.stderr).toBe(0);
  // init points at the one thing it cannot write: the deploy section, then the promote.
  expect(init.stdout).toContain('then: a deploy section (');
  expect(init.stdout).toContain('`slipway promote --env production --commit`');
  appendFileSync(join(repo.dir, 'slipway.yaml'), DEPLOY_SECTION);
  const baseline = await run('baseline');
  expect(baseline.code, baseline.stderr).toBe(0);
  typed.push('git add -A && git commit');
  const adopted = repo.commit('adopt slipway');
  const promote = await run('promote', '--env', 'production', '--commit', ...APPROVE);
  expect(promote.code, `${promote.stdout}\n${promote.stderr}`).toBe(0);
  expect(promote.stdout).toMatch(/ok {3}guard: passes on this tree; judged: the tree/);
  // The URL as the policy writes it: the value of PROD_URL is a secret, never printed.
  expect(promote.stdout).toMatch(/health ok {3}\$\{PROD_URL\}\/health: HTTP 200/);
  expect(promote.stdout).not.toContain(prodUrl);
  expect(typed).toEqual([
    'slipway init',
    'slipway baseline',
    'git add -A && git commit',
    `slipway promote --env production --commit ${APPROVE.join(' ')}`,
  ]);
  expect(typed.length).toBeLessThanOrEqual(5);
  const lastGood = () =>
    (
      JSON.parse(readFileSync(join(repo.dir, 'deploy/LAST_PROD_DEPLOY.json'), 'utf8')) as {
        last_good_sha: string;
      }
    ).last_good_sha;
  expect(lastGood()).toBe(adopted);
  return { typed, adopted, run, lastGood, init };
}

/**
 * An agent's branch with `files`, caught by the check on the branch (`rule` in `file`), then
 * merged by a person without a look: promote's guard refuses it and nothing is deployed.
 */
export async function agentChangeRefused(
  repo: TempRepo,
  hour: FirstHour,
  change: { branch: string; files: Record<string, string>; rule: string; file: string },
): Promise<{ onBranch: CliResult; refused: CliResult }> {
  const main = repo.git('rev-parse', '--abbrev-ref', 'HEAD').trim();
  repo.git('checkout', '-q', '-b', change.branch);
  repo.write(change.files);
  repo.commit(`agent: ${change.branch}`);
  const onBranch = await hour.run('check', '--base', main, '--format', 'json');
  expect(onBranch.code, onBranch.stdout).toBe(1);
  const found = (JSON.parse(onBranch.stdout) as { findings: { rule: string; file: string }[] }).findings.map(
    (f) => `${f.rule} ${f.file}`,
  );
  expect(found).toContain(`${change.rule} ${change.file}`);
  repo.git('checkout', '-q', main);
  repo.git('merge', '-q', '--no-ff', change.branch, '-m', 'merge the agent branch');
  const refused = await hour.run('promote', '--env', 'production', '--commit', ...APPROVE);
  expect(refused.code, refused.stdout).toBe(1);
  expect(refused.stdout).toContain(`FAIL guard: ${change.rule} ${change.file}:`);
  expect(refused.stdout).toContain('refused: guard; nothing was deployed');
  expect(hour.lastGood()).toBe(hour.adopted);
  return { onBranch, refused };
}
