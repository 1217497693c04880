import { statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { runGit } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, commit, initRepo } from './git-fixture.js';

afterAll(cleanup);

describe('git as Slipway runs it', () => {
  it('never writes the index back: `git status` with stale stat data leaves .git/index untouched', async () => {
    const dir = initRepo();
    commit(dir, { 'a.txt': 'a\n', 'b.txt': 'b\n' }, 'one');
    // Same content, new times: the index's stat data is stale, so a plain `git status`
    // re-reads the files and writes the refreshed index under index.lock.
    const later = new Date(Date.now() + 60_000);
    for (const f of ['a.txt', 'b.txt']) utimesSync(join(dir, f), later, later);
    const index = join(dir, '.git', 'index');
    const before = statSync(index);
    const out = await runGit(dir, ['status', '--porcelain=v1', '-z']);
    expect(out.stdout.toString()).toBe('');
    const after = statSync(index);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
  });
});
