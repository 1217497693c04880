import { renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRepo } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../../../../test/helpers/git-repo.js';
import { openCommitTree } from '../../src/commit-tree/head-tree.js';

const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
});

/** A commit whose files then all change (or go) in the working tree. */
function committedThenEdited() {
  const r = new TempRepo({
    'slipway.yaml': 'version: 1\n',
    'alembic/versions/a.py': 'A = 1\n',
    'alembic/versions/b.py': 'B = 2\n',
    'alembic/versions/notes.txt': 'notes\n',
    'infra/log.jsonl': 'ascii only\n',
    'infra/record.json': '{"k": "caf\u00e9 \u2713"}\n',
    'name with\nnewline.txt': 'odd name\n',
    'dir/x.txt': 'x\n',
  });
  repos.push(r);
  symlinkSync('alembic/versions/a.py', join(r.dir, 'link-in.py'));
  symlinkSync('../../etc/passwd', join(r.dir, 'link-out.txt'));
  symlinkSync('nowhere.txt', join(r.dir, 'link-dangling.txt'));
  const sha = r.commit('c1');
  for (const f of ['alembic/versions/a.py', 'alembic/versions/b.py', 'infra/record.json', 'dir/x.txt'])
    writeFileSync(join(r.dir, f), 'edited on disk\n');
  r.write({ 'untracked.txt': 'new\n' });
  return { r, sha };
}

describe('CommitTreeRepo: a commit read without a checkout', () => {
  it("reads the commit's texts, not the working tree's, UTF-8 included", async () => {
    const { r, sha } = committedThenEdited();
    const { repo, policy } = await openCommitTree(r.dir, sha);
    expect(policy).toEqual({ file: 'slipway.yaml', text: 'version: 1\n' });
    expect(repo.readFile('alembic/versions/a.py')).toBe('A = 1\n');
    expect(repo.readFile('alembic/versions/b.py')).toBe('B = 2\n');
    expect(repo.readFile('infra/record.json')).toBe('{"k": "caf\u00e9 \u2713"}\n');
    expect(repo.readFile('infra/log.jsonl')).toBe('ascii only\n');
    expect(repo.readFile('name with\nnewline.txt')).toBe('odd name\n');
    expect(repo.readFile('./dir/../dir/x.txt')).toBe('x\n');
    // The same answers the working tree gives for files nobody edited: a near miss.
    const disk = await openRepo(r.dir);
    expect(disk.readFile('alembic/versions/a.py')).toBe('edited on disk\n');
    expect(disk.readFile('infra/log.jsonl')).toBe(repo.readFile('infra/log.jsonl'));
  });

  it('lists the commit, not the index or the disk', async () => {
    const { r, sha } = committedThenEdited();
    r.git('rm', '-q', '-f', 'dir/x.txt');
    const { repo } = await openCommitTree(r.dir, sha);
    expect(repo.listFiles()).toContain('dir/x.txt');
    expect(repo.listFiles()).not.toContain('untracked.txt');
    expect(repo.readFile('untracked.txt')).toBeUndefined();
  });

  it('follows a symlink inside the tree; one that leaves it or dangles is absent, and refused', async () => {
    const { r, sha } = committedThenEdited();
    const { repo } = await openCommitTree(r.dir, sha);
    expect(repo.readFile('link-in.py')).toBe('A = 1\n');
    expect(repo.readFile('link-out.txt')).toBeUndefined();
    expect(repo.readFile('link-dangling.txt')).toBeUndefined();
    expect(repo.readFile('../outside.txt')).toBeUndefined();
    // Refused for the reason a checkout's FsRepo gives, a dangling link too (issue 48: a migration
    // named so is said, never skipped).
    expect(repo.whyUnread('link-out.txt')).toBe(
      'link-out.txt is a symbolic link that leads outside the repository; Slipway does not read it',
    );
    expect(repo.whyUnread('link-out.txt')).toBe((await openRepo(r.dir)).whyUnread('link-out.txt'));
    expect(repo.whyUnread('link-dangling.txt')).toBe(
      'link-dangling.txt is a symbolic link to no file (dangling, a loop, or a directory); Slipway does not read it',
    );
    expect(repo.whyUnread('link-dangling.txt')).toBe((await openRepo(r.dir)).whyUnread('link-dangling.txt'));
    expect(repo.whyUnread('link-in.py')).toBeUndefined();
  });

  it('directories are directories, not files', async () => {
    const { r, sha } = committedThenEdited();
    const { repo } = await openCommitTree(r.dir, sha);
    expect(repo.isDirectory('alembic/versions')).toBe(true);
    expect(repo.isDirectory('alembic/versions/')).toBe(true);
    expect(repo.isDirectory('alembic/versions/a.py')).toBe(false);
    expect(repo.readFile('alembic/versions')).toBeUndefined();
    expect(repo.isDirectory('nope')).toBe(false);
  });

  it('reads the files beside a missed one, with its extension, in the same git process', async () => {
    const { r, sha } = committedThenEdited();
    const { repo } = await openCommitTree(r.dir, sha);
    expect(repo.readFile('alembic/versions/a.py')).toBe('A = 1\n');
    // Without the repository, what the first read fetched is still answered; nothing else is.
    renameSync(join(r.dir, '.git'), join(r.dir, 'git-away'));
    try {
      expect(repo.readFile('alembic/versions/b.py')).toBe('B = 2\n');
      expect(() => repo.readFile('alembic/versions/notes.txt')).toThrow(/not a git repository/);
    } finally {
      renameSync(join(r.dir, 'git-away'), join(r.dir, '.git'));
    }
  });
});
