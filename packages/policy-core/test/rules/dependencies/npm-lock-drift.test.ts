import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { judgeNpmPair, npmFixture } from './helpers.js';

/**
 * An npm or pnpm workspace whose package.json moved without its lock: real locks (written by npm
 * and pnpm themselves, and VS Code's shipped npm-shrinkwrap.json, see fixtures/npm/SOURCES.md),
 * mutated the ways a branch does. The verdicts are compared with npm's own on the same files
 * (`npm ls --package-lock-only --offline`, which reads the lock and nothing else): a dependency
 * npm calls missing is DEP003, one it calls invalid is DEP012, and where npm is content Slipway
 * says nothing (near misses). A dependency removed from a manifest but still recorded by the lock
 * is DEP005: npm ls accepts that lock (the package is still installed for another), and npm's
 * relock (`npm install --package-lock-only --offline`) rewrites it: the lock did not follow.
 */

const project = (name: string) => npmFixture(name);

type Files = Record<string, string>;

/** The DEP findings of a tree check (or of a change from `base`), as `rule file:line name`. */
const judge = (files: Files, lock: string, base?: Files) => judgeNpmPair(files, lock, base);

const edit = (files: Files, path: string, from: string | RegExp, to: string): Files => {
  const text = files[path] as string;
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${path}: nothing replaced`);
  return { ...files, [path]: next };
};

const NPM = project('npm-workspaces');
const UTIL = 'packages/util/package.json';
const WEB = 'packages/web/package.json';

/**
 * One branch's worth of drift in the npm workspace, with a near miss beside each: a range raised
 * past the locked version (and one lowered, which the lock still satisfies), a dependency added.
 */
const DRIFTED = edit(
  edit(
    edit(NPM, UTIL, '"left-pad": "^1.3.0"', '"left-pad": "^2.0.0"'),
    UTIL,
    '"ms": "^2.1.0"',
    '"ms": "^2.0.0"',
  ),
  WEB,
  '"debug": "~4.3.0"',
  '"debug": "~4.3.0",\n    "chalk": "^5.0.0"',
);

const work: string[] = [];
afterAll(() => {
  for (const d of work) rmSync(d, { recursive: true, force: true });
});

/** The files laid out in a new temporary directory. */
function lay(files: Files): string {
  const dir = mkdtempSync(join(tmpdir(), 'npm-oracle-'));
  work.push(dir);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const run = promisify(execFile);

/** npm's own verdict on a laid-out project: its `problems`, as `missing name` / `invalid name`. */
async function npmLs(dir: string): Promise<string[]> {
  const out = await run('npm', ['ls', '--package-lock-only', '--offline', '--json', '--all'], {
    cwd: dir,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  }).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
  const problems = (JSON.parse(out.stdout) as { problems?: string[] }).problems ?? [];
  return problems.map((p) => p.replace(/^(missing|invalid): ((?:@[^/@]+\/)?[^@]+)@.*/, '$1 $2')).sort();
}

/** Slipway's DEP003/DEP012 in npm's words. */
const asNpm = (found: string[]) =>
  found
    .filter((f) => /^DEP003|^DEP012/.test(f))
    .map((f) => `${f.startsWith('DEP003') ? 'missing' : 'invalid'} ${f.split(' ').pop()}`)
    .sort();

describe('npm workspaces: the lock follows each package.json (oracle: npm ls)', () => {
  it('the real lock as npm wrote it: nothing', () => {
    expect(judge(NPM, 'package-lock.json')).toEqual([]);
  });

  it('a range raised past the locked version is DEP012, an added dependency DEP003, as npm ls says; a lowered range is not', async () => {
    const found = judge(DRIFTED, 'package-lock.json');
    expect(found).toEqual([
      'DEP003 packages/web/package.json:8 chalk',
      'DEP012 packages/util/package.json:6 left-pad',
    ]);
    expect(asNpm(found)).toEqual(await npmLs(lay(DRIFTED)));
  }, 60_000);

  it("a dependency removed from a workspace is DEP005 (npm's relock rewrites that importer entry)", async () => {
    const files = edit(NPM, UTIL, /\n\s*"ms": "\^2\.1\.0",/, '');
    expect(judge(files, 'package-lock.json')).toEqual(['DEP005 packages/util/package.json:4 ms']);
    const dir = lay(files);
    await run('npm', ['install', '--package-lock-only', '--offline', '--ignore-scripts'], { cwd: dir });
    const relocked = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
    expect(relocked.packages['packages/util'].dependencies).toEqual({ 'left-pad': '^1.3.0' });
  }, 60_000);

  it("near miss: VS Code's real npm-shrinkwrap.json follows its package.json", () => {
    expect(judge(project('vscode-shrinkwrap'), 'npm-shrinkwrap.json')).toEqual([]);
  });
});
