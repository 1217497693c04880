import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRepo, readChangeSet } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, cleanup, commit, git, headSha, initRepo, tempDir } from './git-fixture.js';

afterAll(cleanup);

describe('FsRepo / openRepo', () => {
  it('lists tracked files from the repository root, even when opened in a subdirectory', async () => {
    const dir = initRepo();
    commit(dir, { 'a.txt': 'a\n', 'sub/b.txt': 'b\n', 'sub/deeper/c.txt': 'c\n' }, 'init');
    writeFileSync(join(dir, 'untracked.txt'), 'u\n');
    const repo = await openRepo(join(dir, 'sub'));
    expect(repo.listFiles()).toEqual(['a.txt', 'sub/b.txt', 'sub/deeper/c.txt']);
    expect(repo.readFile('sub/b.txt')).toBe('b\n');
    expect(repo.readFile('untracked.txt')).toBe('u\n');
    expect(repo.readFile('missing.txt')).toBeUndefined();
    expect(repo.readFile('sub')).toBeUndefined();
  });

  it('reads a file whose name is not UTF-8, by the name the change set gives it', async () => {
    const dir = initRepo();
    commit(dir, { 'seed.txt': 's\n' }, 'init');
    git(dir, ['checkout', '-q', '-b', 'bytes']);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.of(0xe9)]), 'latin-1\n');
    commit(dir, {}, 'add');
    const [repo, change] = await Promise.all([
      openRepo(dir),
      readChangeSet({ repo: dir, productionBranch: 'main', env: cleanEnv() }),
    ]);
    expect(repo.listFiles()).toContain('caf\udce9');
    expect(change.files).toEqual([{ status: 'added', path: 'caf\udce9' }]);
    expect(repo.readFile('caf\udce9')).toBe('latin-1\n');
  });

  it('walks the directory outside git, skipping .git and node_modules', async () => {
    const dir = tempDir();
    for (const p of ['b/x.txt', 'a.txt', 'node_modules/m/index.js', 'deep/er/y.txt']) {
      mkdirSync(join(dir, p, '..'), { recursive: true });
      writeFileSync(join(dir, p), p);
    }
    const repo = await openRepo(dir);
    expect(repo.listFiles()).toEqual(['a.txt', 'b/x.txt', 'deep/er/y.txt']);
    expect(repo.git).toBeUndefined();
    expect(repo.readFile('deep/er/y.txt')).toBe('deep/er/y.txt');
  });

  it('answers git facts: commit existence and ancestry', async () => {
    const dir = initRepo();
    const first = commit(dir, { 'a.txt': 'a\n' }, 'one');
    const second = commit(dir, { 'a.txt': 'b\n' }, 'two');
    const blob = git(dir, ['rev-parse', 'HEAD:a.txt']).trim();
    const repo = await openRepo(dir);
    const facts = repo.git!;
    expect(facts.commitExists(first)).toBe(true);
    expect(facts.commitExists(blob)).toBe(false);
    expect(facts.commitExists('0123456789012345678901234567890123456789')).toBe(false);
    expect(facts.commitExists('--help')).toBe(false);
    expect(facts.isAncestor(first, second)).toBe(true);
    expect(facts.isAncestor(second, first)).toBe(false);
    expect(facts.isAncestor('0123456789012345678901234567890123456789', second)).toBe(false);
    expect(facts.isAncestor(first, headSha(dir))).toBe(true);
  });
});
