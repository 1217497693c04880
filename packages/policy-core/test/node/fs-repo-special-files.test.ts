import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRepo } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, commit, initRepo } from './git-fixture.js';

/**
 * A change under review may add a symlink anywhere, pointing anywhere. Reading one that points
 * at a device (`/dev/zero` never ends) or a FIFO (blocks forever) would hang CI on a hostile
 * pull request, so only regular files are read.
 */

afterAll(cleanup);

describe('FsRepo.readFile and files that are not regular files', () => {
  it('reads a symlink to a device or a FIFO as "not there" instead of hanging', async () => {
    const dir = initRepo();
    commit(dir, { 'a.txt': 'a\n' }, 'init');
    symlinkSync('/dev/zero', join(dir, 'zero'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    symlinkSync('fifo', join(dir, 'to-fifo'));
    const repo = await openRepo(dir);
    expect(repo.readFile('zero')).toBeUndefined();
    expect(repo.readFile('fifo')).toBeUndefined();
    expect(repo.readFile('to-fifo')).toBeUndefined();
  });

  it('still reads regular files and symlinks to them (near miss)', async () => {
    const dir = initRepo();
    commit(dir, { 'a.txt': 'a\n' }, 'init');
    writeFileSync(join(dir, 'b.txt'), 'b\n');
    symlinkSync('a.txt', join(dir, 'link.txt'));
    const repo = await openRepo(dir);
    expect(repo.readFile('a.txt')).toBe('a\n');
    expect(repo.readFile('b.txt')).toBe('b\n');
    expect(repo.readFile('link.txt')).toBe('a\n');
  });
});
