import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PathMatcher } from '../../src/paths/index.js';
import { generatePatternSet, generateTree } from './generate-paths.js';

/**
 * git itself is the reference for every pattern set without `!`: the same patterns go into a
 * .gitignore of a temp repository whose files and directories really exist (git decides whether
 * a path is a directory from the file system), and `git check-ignore --no-index` judges them.
 */

const HAND_WRITTEN: string[][] = [
  [
    'backend/app/core/',
    'backend/app/security/',
    'backend/app/services/payments*',
    'backend/app/db/migrations/',
  ],
  ['/docs/*.md', '/docs/reports/*.md', '/infrastructure/*.yml', '/infrastructure/scripts/*'],
  ['docs/*'],
  ['apps/', 'core'],
  ['**/payments', 'a/**/b', 'x/**'],
  ['*.md', '*.log', '.env*'],
  ['**/migrations/**/*.sql', 'abc/**/', '**/'],
  ['*'],
  ['[a-c]*', 'file[0-9].txt', '?'],
  ['with space/', 'café/', '*.txt   ', 'trail\\ '],
  ['.hidden/', '.*'],
  ['a**b', 'x/***/y', '\\#hash', '\\!bang'],
  ['/a/b/', 'b/c', 'services/'],
  ['**'],
  ['*a*e*', '**/a*/**/b*/**/x.py', 'backend/**/s*/**/', 'p*m*n*s*'],
  ['**/docs/**/*.md', '**/**/core/**', '[!a-m]*/**/?.md'],
  // `**` glued to a name before a `/`: git reads the literal head first, then `**/…` whole.
  ['backend**/core/', 'a/b**/*.md', 's**/x*/'],
  // A reversed range still matches its first character in wildmatch.
  ['[s-c]ervices/', 'backend/app/[z-a]*'],
];

const RANDOM_SETS = 16;

let root: string;
let files: string[];
let dirs: string[];

function git(args: string[], input?: string): string {
  try {
    return execFileSync('git', args, {
      cwd: root,
      input,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    // check-ignore exits 1 when it ignores none of the paths: still an answer.
    if (e.status === 1 && e.stderr === '' && e.stdout !== undefined) return e.stdout;
    throw new Error(`git ${args.join(' ')} exited ${e.status}: ${e.stderr}`);
  }
}

/** Paths git ignores, from `check-ignore -v -n -z`: records of source, line, pattern, path. */
function gitIgnored(patterns: string[], paths: string[]): Set<string> {
  writeFileSync(join(root, '.gitignore'), `${patterns.join('\n')}\n`);
  const out = git(
    ['-c', 'core.ignorecase=false', 'check-ignore', '--no-index', '-v', '-n', '-z', '--stdin'],
    `${paths.join('\0')}\0`,
  );
  const fields = out.split('\0');
  const ignored = new Set<string>();
  for (let i = 0; i + 3 < fields.length; i += 4) if (fields[i] !== '') ignored.add(fields[i + 3] as string);
  return ignored;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'slipway-gitignore-'));
  git(['init', '-q', '.']);
  ({ files, dirs } = generateTree(4000, 20251122));
  for (const d of dirs) mkdirSync(join(root, d), { recursive: true });
  for (const f of files) writeFileSync(join(root, f), '');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function compare(patterns: string[]) {
  // Directories go to git as they are (it looks at the disk) and to us with the trailing `/`
  // that marks a directory in a repo path.
  const ignored = gitIgnored(patterns, [...files, ...dirs]);
  const m = new PathMatcher(patterns);
  const wrong: string[] = [];
  for (const f of files) if (m.matches(f) !== ignored.has(f)) wrong.push(`${f} (git: ${ignored.has(f)})`);
  for (const d of dirs)
    if (m.matches(`${d}/`) !== ignored.has(d)) wrong.push(`${d}/ (git: ${ignored.has(d)})`);
  return { wrong: wrong.slice(0, 10), ignoredCount: ignored.size };
}

describe('PathMatcher agrees with git check-ignore --no-index', () => {
  it('the generated tree has thousands of files', () => {
    expect(files.length).toBeGreaterThanOrEqual(3000);
  });

  it.each(HAND_WRITTEN.map((p) => [p]))('%j', (patterns) => {
    const { wrong, ignoredCount } = compare(patterns);
    expect(wrong).toEqual([]);
    expect(ignoredCount).toBeGreaterThan(0);
  });

  it.each(Array.from({ length: RANDOM_SETS }, (_, i) => [i]))('random pattern set %i', (i) => {
    const patterns = generatePatternSet(1000 + i);
    const { wrong } = compare(patterns);
    expect({ patterns, wrong }).toEqual({ patterns, wrong: [] });
  });
});
