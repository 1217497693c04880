import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployFixture } from './helpers/deploy-repo.js';
import { startCli } from './helpers/run-cli.js';
import { shipped } from './helpers/prepared-fixture.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';

describe('watch counts consecutive failures per deploy', () => {
  let f: DeployFixture;
  let sha2 = '';
  let sha3 = '';
  const _cli = (...args: string[]) => f.cli(...args);

  beforeAll(async () => {
    ({ f, v2: sha2, v3: sha3 } = await shipped(['production', 'commit']));
  });
  afterAll(() => f.dispose());

  it('a deploy recorded between two failed polls starts the count afresh; the rollback undoes the new one', async () => {
    f.prod.badShas.add(sha2);
    const run = startCli(['watch', '--interval', '300ms', '--failures', '3', '--for', '60s'], {
      cwd: f.repo.dir,
      env: f.env,
    });
    let out = '';
    let switched = false;
    run.child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      if (switched || !out.includes('failure 1/3')) return;
      switched = true;
      // sha3 goes live, deployed and recorded by another clone (a CI run) and pulled here: no
      // lock of ours was ever held. sha3 fails too; sha2 would now be healthy.
      writeFileSync(join(f.state, 'production.current'), `${sha3}\n`);
      f.prod.badShas.delete(sha2);
      f.prod.badShas.add(sha3);
      const rec = f.record() ?? {};
      const history = [
        { event: 'PROMOTE', sha: sha2, deployed_at: rec.deployed_at },
        ...((rec.history as []) ?? []),
      ];
      f.repo.write({
        [RECORD]: `${JSON.stringify({ ...rec, last_good_sha: sha3, previous_sha: sha2, history }, null, 2)}\n`,
      });
    });
    const r = await run.done;
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toContain(
      `production now runs ${sha3.slice(0, 12)} (was ${sha2.slice(0, 12)}): counting failures afresh`,
    );
    expect(r.stdout.match(/failure 1\/3/g)).toHaveLength(2);
    expect(r.stdout).toContain('production was rolled back once successfully; stopping with exit 1');
    expect(f.requests().at(-1)).toBe(`rollback production ${sha2}`);
    expect(f.record()).toMatchObject({ last_good_sha: sha2, rolled_back_from: sha3, pinned: true });
  });
});
