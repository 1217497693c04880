import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CatFileSession,
  runGit,
  startGitTogether,
  TRACKED_FILES_ARGS,
  WORKING_TREE_STATUS_ARGS,
} from '@slipway/policy-core/node';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanup, commit, initRepo } from './git-fixture.js';

/** A folder name long enough that 1,000 files list to ~100 KB (a pipe holds 64 KB): a commit of
 * fewer files is cheaper than one of more. */
const LONG_DIR = 'some/rather/long/directory/name/that/goes/on/for/a/while/so/that/each/path/listed/is/long';

afterAll(cleanup);

const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`slipway-git-${process.pid}-`));

// git's own trace (GIT_TRACE is one of the variables every git Slipway starts keeps): which git
// commands really ran, whoever started them.
const traceFile = join(tmpdir(), `slipway-together-trace-${process.pid}.txt`);
const savedTrace = process.env.GIT_TRACE;
afterEach(() => {
  if (savedTrace === undefined) delete process.env.GIT_TRACE;
  else process.env.GIT_TRACE = savedTrace;
  rmSync(traceFile, { force: true });
});
const ran = (command: string) =>
  existsSync(traceFile)
    ? readFileSync(traceFile, 'utf8')
        .split('\n')
        .filter((l) => l.includes(`built-in: git ${command}`)).length
    : 0;

describe.skipIf(process.platform === 'win32')(
  'startGitTogether: listing, status and cat-file from one start',
  () => {
    it('gives the bytes runGit gives, past what a pipe holds, and leaves no file behind', async () => {
      const dir = initRepo();
      const files: Record<string, string> = {};
      for (let i = 0; i < 1000; i++) files[`${LONG_DIR}/file-${i}.txt`] = `${i}\n`;
      commit(dir, files, 'many');
      writeFileSync(join(dir, 'untracked.txt'), 'u\n');
      writeFileSync(join(dir, `${LONG_DIR}/file-7.txt`), 'changed\n');
      const started = startGitTogether(dir);
      expect(started).toBeDefined();
      const [listing, status] = await Promise.all([started?.listing, started?.status]);
      const [ownListing, ownStatus] = await Promise.all([
        runGit(dir, TRACKED_FILES_ARGS),
        runGit(dir, WORKING_TREE_STATUS_ARGS),
      ]);
      expect(listing?.length).toBeGreaterThan(64 * 1024);
      expect(listing?.equals(ownListing.stdout)).toBe(true);
      expect(status?.toString()).toBe(ownStatus.stdout.toString());
      expect(status?.toString()).toContain('?? untracked.txt');
      expect(leftovers()).toEqual([]);
    });

    it("is the cat-file process the repository's first session uses: no second one starts", async () => {
      const dir = initRepo();
      commit(dir, { 'slipway.yaml': 'version: 1\n' }, 'one');
      process.env.GIT_TRACE = traceFile;
      const started = startGitTogether(dir);
      // Both ended: each has written its line to git's trace.
      await Promise.all([started?.listing, started?.status]);
      const session = new CatFileSession(dir);
      const [answer] = await session.ask([{ contents: true, object: Buffer.from('HEAD:slipway.yaml') }]);
      expect(answer?.text).toBe('version: 1\n');
      session.close();
      // Without the offer the session would have started its own: two in git's trace.
      expect(ran('cat-file --batch-command')).toBe(1);
      expect(ran('ls-files')).toBe(1);
      expect(ran('status')).toBe(1);
      // Another repository's session is not given it.
      const other = initRepo();
      commit(other, { 'b.txt': 'b\n' }, 'one');
      startGitTogether(dir);
      const elsewhere = new CatFileSession(other);
      const [b] = await elsewhere.ask([{ contents: true, object: Buffer.from('HEAD:b.txt') }]);
      expect(b?.text).toBe('b\n');
      elsewhere.close();
      const taker = new CatFileSession(dir);
      expect((await taker.ask([{ contents: false, object: Buffer.from('HEAD:a.txt') }]))[0]).toBeUndefined();
      taker.close();
      expect(ran('cat-file --batch-command')).toBe(3);
    });

    it('rejects what git could not answer (its user then asks git itself), and cleans up', async () => {
      const dir = initRepo();
      commit(dir, { 'a.txt': 'a\n' }, 'one');
      // An index git cannot read: both the listing and the status fail.
      writeFileSync(join(dir, '.git', 'index'), 'not an index');
      const started = startGitTogether(dir);
      await expect(started?.listing).rejects.toThrow(/git ls-files exited with 128/);
      await expect(started?.status).rejects.toThrow(/git status exited with 128/);
      await expect(runGit(dir, TRACKED_FILES_ARGS)).rejects.toThrow(/index/);
      expect(leftovers()).toEqual([]);
    });
  },
);
