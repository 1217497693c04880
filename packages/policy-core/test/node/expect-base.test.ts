import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readChangeSet } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, cleanup, commit, git, initRepo } from './git-fixture.js';

afterAll(cleanup);

// ChangeSet.expectBase: files a check may read at base are fetched with the first one it must
// read, in one git process; a check that reads none of them starts none. Counted with git's own
// trace (GIT_TRACE names each command git runs), which Slipway passes through to its git.

function repo(): string {
  const dir = initRepo();
  commit(dir, { 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' }, 'init');
  git(dir, ['checkout', '-q', '-b', 'feature']);
  commit(dir, { 'a.txt': 'a changed\n', 'b.txt': 'b changed\n' }, 'edit');
  return dir;
}

async function traced<T>(
  dir: string,
  run: (trace: string) => Promise<T> | T,
): Promise<{ value: T; catFiles: number }> {
  const trace = join(dir, '..', `trace-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(trace, '');
  const previous = process.env.GIT_TRACE;
  process.env.GIT_TRACE = trace;
  try {
    const value = await run(trace);
    const lines = readFileSync(trace, 'utf8').split('\n');
    return { value, catFiles: lines.filter((l) => /trace: built-in: git cat-file --batch /.test(l)).length };
  } finally {
    if (previous === undefined) delete process.env.GIT_TRACE;
    else process.env.GIT_TRACE = previous;
  }
}

describe('ChangeSet.expectBase', () => {
  it('expected files come with the next read: three files at base, one git process', async () => {
    const dir = repo();
    const change = await readChangeSet({ repo: dir, productionBranch: 'main', env: cleanEnv() });
    const { value, catFiles } = await traced(dir, () => {
      change.expectBase?.(['b.txt', 'c.txt', 'gone.txt']);
      return ['a.txt', 'b.txt', 'c.txt', 'gone.txt'].map((p) => change.readBase?.(p));
    });
    expect(value).toEqual(['a\n', 'b\n', 'c\n', undefined]);
    expect(catFiles).toBe(1);
  });

  it('without the expectation each file is a process of its own (the near miss that shows the count is real)', async () => {
    const dir = repo();
    const change = await readChangeSet({ repo: dir, productionBranch: 'main', env: cleanEnv() });
    const { value, catFiles } = await traced(dir, () =>
      ['a.txt', 'b.txt', 'c.txt'].map((p) => change.readBase?.(p)),
    );
    expect(value).toEqual(['a\n', 'b\n', 'c\n']);
    expect(catFiles).toBe(3);
  });

  it('expecting files starts nothing by itself', async () => {
    const dir = repo();
    const change = await readChangeSet({ repo: dir, productionBranch: 'main', env: cleanEnv() });
    const { catFiles } = await traced(dir, () => change.expectBase?.(['a.txt', 'b.txt']));
    expect(catFiles).toBe(0);
  });
});
