import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicyText } from '@slipway/policy-core';
import { afterAll, describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { alembicProject, newRevision, presentTrees } from './alembic-project.js';

/**
 * A team's first hour on a real history Slipway's tests were not written against: Alembic trees
 * of OpenStack projects (Glance committed beside this test, the rest from the corpus cache that
 * `scripts/fetch-corpus.sh` fills), laid out as a project keeps them (alembic.ini naming the
 * tree). `init`, then `check --tree` clean — the years of history already run, the rest accepted
 * by `baseline` — in at most three commands; then a new destructive migration on an agent branch
 * is still caught, and only it.
 */
const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
});

const json = (r: ReturnType<typeof slipway>) =>
  JSON.parse(r.stdout) as { findings: { rule: string; file: string; severity: string }[] };

describe('adopting Slipway on a real Alembic history', () => {
  // Glance is always here (committed); the others once the corpus cache holds them.
  for (const [name, versions] of presentTrees()) {
    it(`${name}: init, baseline, a clean tree; a new drop on an agent branch is caught`, () => {
      const repo = new TempRepo(alembicProject(name, versions));
      repos.push(repo);
      repo.commit('years of history');
      // The whole adoption is these three commands (and a commit): init, baseline, check.
      const run = (...args: string[]) => slipway(args, { cwd: repo.dir });

      const init = run('init');
      expect(init.code, init.stderr).toBe(0);
      expect(readFileSync(join(repo.dir, 'slipway.yaml'), 'utf8')).toContain('applied_through');
      // What init could not take as history (graph rules judge every revision) is accepted here.
      expect(run('baseline').code).toBe(0);
      repo.commit('adopt slipway');
      const clean = run('check', '--tree', '--format', 'json');
      expect(json(clean).findings).toEqual([]);
      expect(clean.code).toBe(0);

      // An agent's new revision on top of a real head (init names the heads it took as run): its
      // drop, with no lock_timeout in force, is all that is found.
      const policy = parsePolicyText(readFileSync(join(repo.dir, 'slipway.yaml'), 'utf8'), 'slipway.yaml');
      const through = policy.document?.policy.migrations?.applied_through ?? [];
      const head = (Array.isArray(through) ? through[0] : through) as string;
      repo.git('checkout', '-q', '-b', 'auto/drop-legacy');
      repo.write({ 'migrations/versions/ffff00000001_drop_legacy.py': newRevision(head) });
      repo.commit('drop the legacy column');
      const caught = json(
        slipway(['check', '--base', 'main', '--format', 'json', '--rule', 'MIG'], { cwd: repo.dir }),
      );
      expect(caught.findings.map((f) => `${f.rule} ${f.file}`)).toEqual([
        'MIG002 migrations/versions/ffff00000001_drop_legacy.py',
        'MIG037 migrations/versions/ffff00000001_drop_legacy.py',
      ]);
    });
  }
});
