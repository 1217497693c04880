import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicyText } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';
import { HealthServer } from '../deploy/helpers/health-server.js';
import { alembicProject, newRevision, presentTrees } from './alembic-project.js';
import { agentChangeRefused, DEPLOY_SCRIPT, firstPromote } from './first-promote-steps.js';

/**
 * The first hour's end: from `slipway init` on a real Alembic history to a production promote
 * that passes, through the built CLI against a real HTTP health check, in at most five commands
 * (first-promote-steps.ts). Then an agent's new destructive revision, merged without a look, is
 * refused by promote.
 */
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
      const hour = await firstPromote(repo, prodUrl);

      const doc = parsePolicyText(readFileSync(join(repo.dir, 'slipway.yaml'), 'utf8'), 'slipway.yaml');
      const through = doc.document?.policy.migrations?.applied_through ?? [];
      const head = (Array.isArray(through) ? through[0] : through) as string;
      const file = 'migrations/versions/ffff00000001_drop_legacy.py';
      const { onBranch, refused } = await agentChangeRefused(repo, hour, {
        branch: 'auto/drop-legacy',
        files: { [file]: newRevision(head) },
        rule: 'MIG002',
        file,
      });
      expect(onBranch.stdout).toContain('"line": 17');
      expect(refused.stdout).toMatch(
        /FAIL guard: MIG002 migrations\/versions\/ffff00000001_drop_legacy\.py:17 /,
      );
      // One line: the finding, then what was judged (no sentence's period before the separator).
      expect(refused.stdout).toContain('-- reason`; judged: the tree; ');
    });
  }
});
