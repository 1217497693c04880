import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError, readPolicyAtBase } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../src/command.js';
import { gitStep } from '../src/git-step.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-git-step-'));
  dirs.push(dir);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  writeFileSync(join(dir, 'slipway.yaml'), 'version: 1\n');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'init');
  return dir;
}

describe('gitStep', () => {
  it("turns a real git step's rejection with a GitError into a UserError with its message (exit 2)", async () => {
    const root = repo();
    const err = await gitStep(() => readPolicyAtBase(root, 'no-such-ref')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    expect((err as UserError).message).toMatch(/no-such-ref names no commit/);
  });

  it('turns a GitError thrown at once into a UserError too', () => {
    expect(() =>
      gitStep(() => {
        throw new GitError('not a git repository: /nowhere', 'not-a-repo');
      }),
    ).toThrow(UserError);
  });

  it('passes other errors, values and resolved promises through unchanged', async () => {
    const boom = new TypeError('a bug, not a git problem');
    expect(() =>
      gitStep(() => {
        throw boom;
      }),
    ).toThrow(boom);
    await expect(gitStep(() => Promise.reject(boom))).rejects.toBe(boom);
    expect(gitStep(() => 42)).toBe(42);
    const root = repo();
    await expect(gitStep(() => readPolicyAtBase(root, 'HEAD'))).resolves.toBeDefined();
  });
});
