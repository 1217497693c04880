import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployFixture } from './helpers/deploy-repo.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';

describe('what a failed --commit and a dry run leave behind', () => {
  let f: DeployFixture;

  beforeAll(async () => {
    f = await new DeployFixture().start();
  });
  afterAll(() => f.dispose());

  it('a production dry run leaves .git without a worktrees directory it did not have', async () => {
    const worktrees = join(f.repo.dir, '.git', 'worktrees');
    expect(existsSync(worktrees)).toBe(false);
    const r = await f.cli('promote', '--env', 'production', '--skip-staging', '--reason', 'dry', '--dry-run');
    expect(r.stdout).toContain('dry run');
    expect(existsSync(worktrees)).toBe(false);
  });

  it('a --commit git refuses (signing fails) unstages the record and the log, and keeps what the user staged', async () => {
    const sha = await f.ship();
    await f.release('v2');
    // The user's config asks for signed commits and the signing program fails: git refuses the
    // commit. (A hook cannot stand in here: no git Slipway starts runs hooks, see git-invocation.ts.)
    const gpg = join(f.repo.dir, '.git', 'failing-gpg');
    writeFileSync(gpg, '#!/bin/sh\necho "gpg says no" >&2\nexit 1\n');
    chmodSync(gpg, 0o755);
    f.repo.git('config', 'commit.gpgSign', 'true');
    f.repo.git('config', 'gpg.program', gpg);
    try {
      f.repo.write({ 'other.txt': 'mine\n' });
      f.repo.git('add', 'other.txt');
      const r = await f.cli('rollback', '--reason', 'test', '--to', sha, '--yes', '--commit');
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('could not commit the deploy record');
      expect(r.stderr).toContain('written but not committed');
      // The user's staged file is still staged; the record and the log are not.
      expect(f.repo.git('diff', '--cached', '--name-only').trim().split('\n')).toEqual(['other.txt']);
      // The rollback itself happened and is recorded in the working tree.
      expect(f.repo.git('status', '--porcelain', '--', RECORD, LOG)).toContain(' M ');
    } finally {
      f.repo.git('config', '--unset', 'commit.gpgSign');
    }
  });
});
