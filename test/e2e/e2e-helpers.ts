import { execFileSync } from 'node:child_process';
import type { JsonReport } from '@slipway/policy-core';
import { afterAll, expect } from 'vitest';
import type { CliResult } from '../helpers/cli.js';
import { TempRepo, type Who } from '../helpers/git-repo.js';

/** An agent as GitHub shows one: a `[bot]` account committing under its noreply address. */
export const BOT: Who = { name: 'agent[bot]', email: '123+agent[bot]@users.noreply.github.com' };
/** The hosting service as committer of merges and squash merges it makes. */
export const GITHUB: Who = { name: 'GitHub', email: 'noreply@github.com' };

/** Temp repositories for one test file, removed after it. */
export function repoFactory(): (files?: Record<string, string>, copyOf?: TempRepo) => TempRepo {
  const repos: TempRepo[] = [];
  afterAll(() => {
    for (const r of repos) r.dispose();
  });
  return (files = {}, copyOf) => {
    const r = new TempRepo(files, copyOf);
    repos.push(r);
    return r;
  };
}

/** Commits everything with separate author and committer, as merges by the hosting service have. */
export function commitAs(repo: TempRepo, author: Who, committer: Who, message: string): string {
  repo.git('add', '-A');
  gitWith(repo, author, committer, 'commit', '-q', '--allow-empty', '-m', message);
  return repo.git('rev-parse', 'HEAD').trim();
}

/** Runs git in the repository as the given author and committer. */
export function gitWith(repo: TempRepo, author: Who, committer: Who, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo.dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
    },
  });
}

/** Every failure of the CLI: exit 2, exactly one line on stderr, no stack trace. */
export function expectOneLine(r: CliResult, pattern: RegExp): void {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.code).toBe(2);
}

export function json(r: CliResult): JsonReport {
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

export function rules(r: CliResult): string[] {
  return json(r).findings.map((f) => `${f.rule} ${f.severity} ${f.file}`);
}
