import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Real git repositories in temp dirs, with fixed identities and dates so runs are repeatable. */

export interface Who {
  name: string;
  email: string;
}

export const HUMAN: Who = { name: 'Ada Human', email: 'ada@example.com' };

const created: string[] = [];

function baseEnv(author: Who, committer: Who): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
    GIT_AUTHOR_DATE: '2026-01-02T03:04:05Z',
    GIT_COMMITTER_DATE: '2026-01-02T03:04:05Z',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
}

export function git(cwd: string, args: string[], who: { author?: Who; committer?: Who } = {}): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    env: baseEnv(who.author ?? HUMAN, who.committer ?? who.author ?? HUMAN),
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString('utf8');
}

/**
 * Writes commits with one `git fast-import` (its stream on stdin): a history of dozens of commits
 * in one process instead of three per commit.
 */
export function fastImport(cwd: string, stream: string): void {
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd,
    env: baseEnv(HUMAN, HUMAN),
    input: stream,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export function tempDir(prefix = 'slipway-git-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every temp dir made so far (call from afterAll). */
export function cleanup(): void {
  for (const d of created.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function initRepo(): string {
  const dir = tempDir();
  git(dir, ['init', '-q', '-b', 'main']);
  return dir;
}

/** Writes files (a null content deletes) and commits them all. Returns the new commit's hash. */
export function commit(
  dir: string,
  files: Record<string, string | null>,
  message: string,
  who: { author?: Who; committer?: Who } = {},
): string {
  for (const [path, content] of Object.entries(files)) {
    if (content === null) git(dir, ['rm', '-q', '--', path]);
    else {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  }
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', message], who);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

export function headSha(dir: string, ref = 'HEAD'): string {
  return git(dir, ['rev-parse', ref]).trim();
}

/** An environment with no GitHub variables, so the host's CI cannot leak into a test. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...extra };
}
