import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDependencies } from '../../src/index.js';

/**
 * A project of a pnpm workspace with a pnpm-lock.yaml of its own (payloadcms/payload
 * examples/astro/payload/, a project of examples/astro/pnpm-workspace.yaml): pnpm installs it by
 * the workspace's lock (the nearest pnpm-workspace.yaml above the folder is the workspace's root,
 * pnpm workspace/root-finder), so its own lock is read by nothing. init paired it with both, so
 * every DEP finding on it came twice, once telling to commit a lock `pnpm install` never writes.
 */
const FIXTURES = join(import.meta.dirname, '../requirements/fixtures/npm/pnpm-workspaces');
const read = (p: string) => readFileSync(join(FIXTURES, p), 'utf8');

function nested(listed: boolean): Record<string, string> {
  const files: Record<string, string> = {};
  for (const p of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'packages/util/package.json'])
    files[`examples/astro/${p}`] = read(p);
  // The lock the project kept from before it joined the workspace.
  files['examples/astro/packages/util/pnpm-lock.yaml'] = read('pnpm-lock.yaml');
  if (!listed)
    files['examples/astro/pnpm-lock.yaml'] = read('pnpm-lock.yaml').replace(
      /\n {2}packages\/util:\n(?: {4}.*\n)*/,
      '\n',
    );
  return files;
}

const detect = (files: Record<string, string>) =>
  detectDependencies(Object.keys(files), { readFile: (p) => files[p], isDirectory: () => false });
const pairs = (files: Record<string, string>) =>
  detect(files).pairs.map((p) => `${p.requirements} → ${p.lock}`);

describe('init: a pnpm workspace project with a lock of its own', () => {
  it('is judged by the workspace’s lock only; its own lock is named as one pnpm does not read', () => {
    const files = nested(true);
    expect(pairs(files)).toEqual(['examples/astro/package.json → examples/astro/pnpm-lock.yaml']);
    expect(detect(files).decisions.filter((d) => d.startsWith('examples/astro/packages/util/'))).toEqual([
      'examples/astro/packages/util/pnpm-lock.yaml: examples/astro/packages/util/ is a project of the pnpm workspace examples/astro/ (examples/astro/pnpm-workspace.yaml, the nearest above it, is where pnpm installs it from), judged against examples/astro/pnpm-lock.yaml, which records it; pnpm does not read this lock (delete it); not paired',
    ]);
  });

  it('at the repository root, the workspace is named so (not by an empty name)', () => {
    const files: Record<string, string> = {};
    for (const [p, text] of Object.entries(nested(true))) files[p.slice('examples/astro/'.length)] = text;
    expect(detect(files).decisions.filter((d) => d.startsWith('packages/util/'))).toEqual([
      'packages/util/pnpm-lock.yaml: packages/util/ is a project of the pnpm workspace at the root (pnpm-workspace.yaml, the nearest above it, is where pnpm installs it from), judged against pnpm-lock.yaml, which records it; pnpm does not read this lock (delete it); not paired',
    ]);
  });

  it('near miss: a folder the workspace’s lock does not record keeps its own lock', () => {
    const files = nested(false);
    expect(pairs(files)).toEqual([
      'examples/astro/packages/util/package.json → examples/astro/packages/util/pnpm-lock.yaml',
      'examples/astro/package.json → examples/astro/pnpm-lock.yaml',
    ]);
  });

  it('a workspace with no package.json at its root: said that nothing judges the project', () => {
    const files = nested(true);
    delete files['examples/astro/package.json'];
    expect(pairs(files)).toEqual([]);
    expect(detect(files).decisions.filter((d) => d.startsWith('examples/astro/packages/util/'))).toEqual([
      "examples/astro/packages/util/pnpm-lock.yaml: examples/astro/packages/util/ is a project of the pnpm workspace examples/astro/ (examples/astro/pnpm-workspace.yaml, the nearest above it, is where pnpm installs it from), whose lock examples/astro/pnpm-lock.yaml records it; the workspace has no package.json at its root for Slipway to pair, so its projects' dependencies are not judged (add one, or review them by hand); pnpm does not read this lock (delete it); not paired",
    ]);
  });
});
