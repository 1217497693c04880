import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicyText } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, slipwayAsync } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { HealthServer } from '../deploy/helpers/health-server.js';
import { alembicProject, newRevision, presentTrees } from './alembic-project.js';

/**
 * The first hour's end: from `slipway init` on a real Alembic history to a production promote
 * that passes, through the built CLI against a real HTTP health check, in at most five commands
 * (the number; the deploy guide's "first hour" lists the same ones). The only edit is the
 * `deploy` section init cannot guess (where production is and what deploys it), pasted from the
 * guide. Then an agent's new destructive revision, merged without a look, is refused by promote.
 */
const DEPLOY_SECTION = `
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
const DEPLOY_SCRIPT = '#!/bin/sh\nset -e\necho "deployed $SLIPWAY_SHA to $SLIPWAY_ENV"\n';
const APPROVE = ['--yes', '--approved-by', 'Ada Approver'];
const PERSON = {
  GIT_AUTHOR_NAME: 'Dev Human',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev Human',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

const server = new HealthServer();
let prodUrl = '';
const repos: TempRepo[] = [];
beforeAll(async () => {
  prodUrl = await server.start();
});
afterAll(async () => {
  await server.stop();
  for (const r of repos) r.dispose();
});

describe('a first production promote on a real Alembic history', () => {
  for (const [name, versions] of presentTrees()) {
    it(`${name}: init, baseline, commit, promote passes; an agent's new drop is refused`, async () => {
      const repo = new TempRepo({ ...alembicProject(name, versions), 'scripts/deploy.sh': DEPLOY_SCRIPT });
      repos.push(repo);
      repo.commit('years of history');
      // Every command the team types, in order: the test's count is the guide's.
      const typed: string[] = [];
      const run = (...args: string[]): Promise<CliResult> => {
        typed.push(`slipway ${args.join(' ')}`);
        return slipwayAsync(args, { cwd: repo.dir, env: { ...PERSON, PROD_URL: prodUrl } });
      };
      const commit = (message: string) => {
        typed.push('git add -A && git commit');
        return repo.commit(message);
      };

      const init = await run('init');
      expect(init.code, init.stderr).toBe(0);
      // init points at the one thing it cannot write: the deploy section, then the promote.
      expect(init.stdout).toContain('then: a deploy section (');
      expect(init.stdout).toContain('`slipway promote --env production --commit`');
      appendFileSync(join(repo.dir, 'slipway.yaml'), DEPLOY_SECTION);
      const baseline = await run('baseline');
      expect(baseline.code, baseline.stderr).toBe(0);
      const adopted = commit('adopt slipway');
      const promote = await run('promote', '--env', 'production', '--commit', ...APPROVE);
      expect(promote.code, `${promote.stdout}\n${promote.stderr}`).toBe(0);
      expect(promote.stdout).toMatch(
        /ok {3}guard: passes on this tree; judged: the tree; \d+ applied migrations not judged/,
      );
      expect(promote.stdout).toMatch(/health ok {3}http:\/\/127\.0\.0\.1:\d+\/health: HTTP 200/);
      expect(typed).toEqual([
        'slipway init',
        'slipway baseline',
        'git add -A && git commit',
        `slipway promote --env production --commit ${APPROVE.join(' ')}`,
      ]);
      expect(typed.length).toBeLessThanOrEqual(5);
      const record = () =>
        JSON.parse(readFileSync(join(repo.dir, 'deploy/LAST_PROD_DEPLOY.json'), 'utf8')) as {
          last_good_sha: string;
        };
      expect(record().last_good_sha).toBe(adopted);

      // An agent's branch adds a drop on a real head; the check on its branch catches it, and
      // when a person merges it anyway, promote's guard refuses it: nothing is deployed.
      const doc = parsePolicyText(readFileSync(join(repo.dir, 'slipway.yaml'), 'utf8'), 'slipway.yaml');
      const through = doc.document?.policy.migrations?.applied_through ?? [];
      const head = (Array.isArray(through) ? through[0] : through) as string;
      repo.git('checkout', '-q', '-b', 'auto/drop-legacy');
      repo.write({ 'migrations/versions/ffff00000001_drop_legacy.py': newRevision(head) });
      repo.commit('drop the legacy column');
      const onBranch = await run('check', '--base', 'main', '--rule', 'MIG');
      expect(onBranch.code).toBe(1);
      expect(onBranch.stdout).toContain('ffff00000001_drop_legacy.py:17:5: error MIG002');
      repo.git('checkout', '-q', 'main');
      repo.git('merge', '-q', '--no-ff', 'auto/drop-legacy', '-m', 'merge the agent branch');
      const refused = await run('promote', '--env', 'production', '--commit', ...APPROVE);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(
        /FAIL guard: MIG002 migrations\/versions\/ffff00000001_drop_legacy\.py:17 /,
      );
      // One line: the finding, then what was judged (no sentence's period before the separator).
      expect(refused.stdout).toContain('-- reason`; judged: the tree; ');
      expect(refused.stdout).toContain('refused: guard; nothing was deployed');
      expect(record().last_good_sha).toBe(adopted);
    });
  }
});
