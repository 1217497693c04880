import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TraceReport } from '@slipway/policy-core';
import { readSavedTrace, savedTracePath, saveTrace } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Where the last trace is kept for the editor: each work tree's own git directory, never the work tree. */
let base: string;
let main: string;

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
    cwd,
    encoding: 'utf8',
  });

const report = (sql: string): TraceReport => ({
  ranAt: '2026-01-01T00:00:00.000Z',
  statements: [
    {
      file: 'db/1.sql',
      line: 1,
      sql,
      locks: [{ mode: 'AccessExclusiveLock', relation: 'users' }],
      rewrites: [],
      ms: 1,
      status: 'ok',
    },
  ],
  findings: [],
  notTraced: [],
  setupErrors: [],
});

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'slipway-saved-trace-')));
  main = join(base, 'main');
  execFileSync('git', ['init', '-q', '-b', 'main', main]);
  writeFileSync(join(main, 'a.txt'), 'a\n');
  git(main, 'add', '-A');
  git(main, 'commit', '-qm', 'a');
  git(main, 'worktree', 'add', '-q', '-b', 'other', join(base, 'other'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the kept trace', () => {
  it('is written atomically into the git directory and read back as written', () => {
    const saved = saveTrace(main, report('DROP TABLE x'));
    expect(saved).toEqual({ path: join(main, '.git', 'slipway', 'trace.json') });
    expect(readdirSync(join(main, '.git', 'slipway'))).toEqual(['trace.json']);
    expect(readSavedTrace(join(main, '.git', 'slipway', 'trace.json'))).toEqual(report('DROP TABLE x'));
    expect(git(main, 'status', '--porcelain', '--ignored')).toBe('');
  });

  it("keeps a linked worktree's trace in that worktree's own git directory", () => {
    const other = join(base, 'other');
    expect(savedTracePath(other)).toBe(join(main, '.git', 'worktrees', 'other', 'slipway', 'trace.json'));
    saveTrace(other, report('DROP TABLE y'));
    expect(readSavedTrace(savedTracePath(other) as string)?.statements[0]?.sql).toBe('DROP TABLE y');
    expect(readSavedTrace(savedTracePath(main) as string)?.statements[0]?.sql).toBe('DROP TABLE x');
  });

  it("keeps a nested project's trace beside the top project's, each under its own name", () => {
    const nested = join(main, 'services', 'billing');
    mkdirSync(nested, { recursive: true });
    expect(savedTracePath(nested)).toBe(join(main, '.git', 'slipway', 'traces', 'services%2Fbilling.json'));
    saveTrace(nested, report('DROP TABLE z'));
    expect(readSavedTrace(savedTracePath(nested) as string)?.statements[0]?.sql).toBe('DROP TABLE z');
    expect(readSavedTrace(savedTracePath(main) as string)?.statements[0]?.sql).toBe('DROP TABLE x');
  });

  it('reads nothing from a file that is not a trace, and writes nothing outside a repository', () => {
    const path = join(base, 'bad.json');
    for (const text of ['{not json', '{"statements": []}', '[]', 'null']) {
      writeFileSync(path, text);
      expect(readSavedTrace(path), text).toBeUndefined();
    }
    expect(readSavedTrace(join(base, 'missing.json'))).toBeUndefined();
    const plain = mkdtempSync(join(base, 'plain-'));
    expect(saveTrace(plain, report('x'))).toEqual({
      error: `${plain} is not in a git work tree, so there is no git directory to keep the trace in`,
    });
    expect(existsSync(join(plain, 'slipway'))).toBe(false);
  });
});
