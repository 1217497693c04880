import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { GitError, runGit } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, commit, git, initRepo } from './git-fixture.js';

/** A folder name long enough that 1,000 files list to ~100 KB (a pipe holds 64 KB): a commit of
 * fewer files is cheaper than one of more. */
const LONG_DIR = 'some/rather/long/directory/name/that/goes/on/for/a/while/so/that/each/path/listed/is/long';

afterAll(cleanup);

const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`slipway-git-${process.pid}-`));

describe('runGit with unpiped output', () => {
  it('gives the same bytes as through a pipe, past what a pipe holds, and leaves no file behind', async () => {
    const dir = initRepo();
    // About 100 KB of listing: more than a 64 KB pipe, so git would have to wait for a reader.
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) files[`${LONG_DIR}/file-${i}.txt`] = `${i}\n`;
    commit(dir, files, 'many');
    const args = ['ls-files', '-z', '--full-name'];
    const [piped, unpiped] = await Promise.all([runGit(dir, args), runGit(dir, args, { unpiped: true })]);
    expect(unpiped.stdout.length).toBeGreaterThan(64 * 1024);
    expect(unpiped.stdout.equals(piped.stdout)).toBe(true);
    expect(unpiped.code).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  it('fails as a piped run fails: the same one-line GitError, and okCodes are answers', async () => {
    const dir = initRepo();
    commit(dir, { 'a.txt': 'a\n' }, 'one');
    const args = ['rev-parse', '--verify', 'no-such-ref'];
    const piped = await runGit(dir, args).catch((e: unknown) => e);
    const unpiped = await runGit(dir, args, { unpiped: true }).catch((e: unknown) => e);
    expect(unpiped).toBeInstanceOf(GitError);
    expect((unpiped as GitError).message).toBe((piped as GitError).message);
    expect((unpiped as GitError).code).toBe('failed');
    const answered = await runGit(dir, ['merge-base', '--is-ancestor', 'HEAD', 'HEAD~0'], {
      unpiped: true,
      okCodes: [1],
    });
    expect(answered.code).toBe(0);
    const no = await runGit(dir, ['diff', '--quiet', 'HEAD'], { unpiped: true, okCodes: [1] });
    expect(no.code).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  it('takes its input through a file: all of it read while this process is busy, the same answer as a pipe', async () => {
    const dir = initRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`f-${i}.txt`] = `${i}\n`;
    commit(dir, files, 'many');
    // Far more than a pipe holds: every blob named on stdin by its id, ten times, answered one
    // line each. (By `HEAD:path` git reads the tree again for each name: seconds, not the point.)
    const ids = git(dir, ['ls-tree', '--object-only', 'HEAD']).trim().split('\n');
    expect(ids).toHaveLength(200);
    const names = Array.from({ length: 10 }, () => ids).flat();
    const input = `${names.join('\n')}\n`;
    expect(input.length).toBeGreaterThan(64 * 1024);
    const args = ['cat-file', '--batch-check'];
    const started = runGit(dir, args, { input, unpiped: true });
    // Busy for a while: through a pipe git would wait on its input until this loop ended.
    const until = Date.now() + 300;
    while (Date.now() < until) {}
    const [piped, unpiped] = await Promise.all([runGit(dir, args, { input }), started]);
    expect(unpiped.stdout.equals(piped.stdout)).toBe(true);
    expect(unpiped.stdout.toString().split('\n').filter(Boolean)).toHaveLength(names.length);
    expect(leftovers()).toEqual([]);
  });

  it('says which directory is missing, as a piped run does', async () => {
    const missing = `${tmpdir()}/slipway-no-such-dir-${process.pid}`;
    const err = await runGit(missing, ['status'], { unpiped: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).code).toBe('missing-dir');
  });
});
