import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryRepo, runCheck } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { detectDependencies } from '../../src/index.js';
import { detectIn, initPolicy } from './init-harness.js';

/**
 * A folder whose package.json has two package managers' locks beside it (an example app with a
 * package-lock.json and a pnpm-lock.yaml): init paired the package.json with each, so every DEP
 * finding on it came twice, once per lock. Now it is paired with one, the other named in a
 * decision with the reason: the tool `packageManager` names, else pnpm-workspace.yaml beside
 * pnpm-lock.yaml, else the first of pnpm-lock.yaml, yarn.lock, bun.lock, package-lock.json.
 */
const FIXTURES = join(import.meta.dirname, '../requirements/fixtures/npm');
const read = (dir: string, p: string) => readFileSync(join(FIXTURES, dir, p), 'utf8');

/** pnpm-workspaces/ (its pnpm lock) with npm-workspaces/' package-lock.json beside it, under examples/astro/. */
function twoLocks(withWorkspaceYaml: boolean): Record<string, string> {
  const files: Record<string, string> = {};
  for (const p of [
    'package.json',
    'pnpm-lock.yaml',
    'packages/util/package.json',
    'packages/web/package.json',
  ])
    files[`examples/astro/${p}`] = read('pnpm-workspaces', p);
  if (withWorkspaceYaml)
    files['examples/astro/pnpm-workspace.yaml'] = read('pnpm-workspaces', 'pnpm-workspace.yaml');
  files['examples/astro/package-lock.json'] = read('npm-workspaces', 'package-lock.json');
  return files;
}

const pairs = (files: Record<string, string>) =>
  detectDependencies(Object.keys(files), { readFile: (p) => files[p], isDirectory: () => false }).pairs.map(
    (p) => `${p.requirements} → ${p.lock}`,
  );
const notPaired = (files: Record<string, string>) =>
  detectDependencies(Object.keys(files), {
    readFile: (p) => files[p],
    isDirectory: () => false,
  }).decisions.filter((d) => d.includes('is judged against one lock'));

describe('init: one package.json beside two package managers’ locks', () => {
  it('paired once; the other lock is named with the reason (no `packageManager`: the fixed order)', () => {
    const files = twoLocks(false);
    expect(pairs(files)).toEqual(['examples/astro/package.json → examples/astro/pnpm-lock.yaml']);
    expect(notPaired(files)).toEqual([
      'examples/astro/package-lock.json: examples/astro/package.json has examples/astro/pnpm-lock.yaml beside it too, and is judged against one lock, examples/astro/pnpm-lock.yaml: no `packageManager` says which tool the project uses, so Slipway takes the first of pnpm-lock.yaml, yarn.lock, bun.lock and package-lock.json; name the tool in `packageManager` to choose; not paired (delete the lock of the tool the project does not use)',
    ]);
  });

  it('`packageManager` decides, in the folder or the nearest package.json above it that has it', () => {
    const files = twoLocks(false);
    const npm = {
      ...files,
      'examples/astro/package.json': files['examples/astro/package.json']?.replace(
        '"private": true',
        '"private": true,\n  "packageManager": "npm@11.19.1"',
      ) as string,
    };
    expect(pairs(npm)).toEqual(['examples/astro/package.json → examples/astro/package-lock.json']);
    expect(notPaired(npm)[0]).toContain('`packageManager` in examples/astro/package.json names npm');
    const above = { ...files, 'package.json': '{ "name": "repo", "packageManager": "npm@11.19.1" }' };
    expect(pairs(above)).toContain('examples/astro/package.json → examples/astro/package-lock.json');
  });

  it('pnpm-workspace.yaml beside pnpm-lock.yaml says pnpm', () => {
    const files = twoLocks(true);
    expect(pairs(files)).toEqual(['examples/astro/package.json → examples/astro/pnpm-lock.yaml']);
    expect(notPaired(files)[0]).toContain("examples/astro/pnpm-workspace.yaml beside it is pnpm's");
  });

  it('near miss: one lock in each of two folders is two pairs, as before', () => {
    const files = twoLocks(false);
    const apart: Record<string, string> = {
      'a/package.json': files['examples/astro/package.json'] as string,
      'a/pnpm-lock.yaml': files['examples/astro/pnpm-lock.yaml'] as string,
      'b/package.json': files['examples/astro/package.json'] as string,
      'b/package-lock.json': files['examples/astro/package-lock.json'] as string,
    };
    expect(pairs(apart)).toEqual([
      'a/package.json → a/pnpm-lock.yaml',
      'b/package.json → b/package-lock.json',
    ]);
    expect(notPaired(apart)).toEqual([]);
  });

  it("under init's policy, a workspace's dependency missing from the lock is one finding, not one per lock", () => {
    const files = twoLocks(false);
    const { text, policy } = initPolicy(detectIn(files));
    const moved = {
      ...files,
      'examples/astro/packages/util/package.json': files[
        'examples/astro/packages/util/package.json'
      ]?.replace('"ms"', '"ms-x"') as string,
      'slipway.yaml': text,
    };
    const result = runCheck({ policy, repo: new MemoryRepo(moved) });
    expect(
      result.findings
        .filter((f) => f.rule === 'DEP003')
        .map((f) => `${f.rule} ${f.file} ${f.message.includes('pnpm-lock.yaml')}`),
    ).toEqual(['DEP003 examples/astro/packages/util/package.json true']);
  });
});
