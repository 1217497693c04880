import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryRepo, parsePolicyText } from '@slipway/policy-core';
import { openRepo, readChangeSet } from '@slipway/policy-core/node';
import { checkStalePatterns } from '../../../src/rules/policy/POL002-stale-pattern.js';
import { afterAll, describe, expect, it } from 'vitest';
import { pathFamily } from '../../../src/rules/families.js';
import { cleanup, commit, git, initRepo } from '../../node/git-fixture.js';

/**
 * A submodule is a directory in the work tree and to `git check-ignore`, so a directory
 * pattern (`vendor/lib/`) covers it; in a diff it is one entry without a trailing `/`. A
 * symlink is not a directory to git, so `link/` does not cover a symlink named `link`.
 */

afterAll(cleanup);

const POLICY = 'version: 1\nprotected:\n  label: ok\n  paths: [vendor/lib/, link/, plain/]\n';

async function pathRules(dir: string, base: string) {
  const change = await readChangeSet({ repo: dir, base, productionBranch: 'main', env: {} });
  const doc = parsePolicyText(POLICY).document;
  if (!doc) throw new Error('bad test policy');
  const ctx = { policy: doc, repo: new MemoryRepo({}), change, now: new Date(0), env: {} };
  return pathFamily.check(ctx).findings.map((f) => `${f.rule} ${f.file}`);
}

describe('PATH001 on submodules and symlinks', () => {
  it('adding or bumping a submodule under a protected directory pattern needs the label', async () => {
    const sub = initRepo();
    commit(sub, { f: '1\n' }, 'sub 1');
    const dir = initRepo();
    const base = commit(dir, { 'slipway.yaml': POLICY }, 'init');
    git(dir, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'vendor/lib']);
    git(dir, ['commit', '-q', '-m', 'add submodule']);
    expect(await pathRules(dir, base)).toEqual(['PATH001 vendor/lib']);
    const added = git(dir, ['rev-parse', 'HEAD']).trim();
    commit(sub, { f: '2\n' }, 'sub 2');
    git(join(dir, 'vendor/lib'), ['pull', '-q', sub, 'main']);
    commit(dir, {}, 'bump submodule');
    expect(await pathRules(dir, added)).toEqual(['PATH001 vendor/lib']);
    // POL002: `vendor/lib/` covers the submodule, so it is not stale; `link/` and `plain/` are.
    const doc = parsePolicyText(POLICY).document;
    if (!doc) throw new Error('bad test policy');
    const repo = await openRepo(dir);
    const stale = checkStalePatterns({ policy: doc, repo, now: new Date(0), env: {} });
    expect(stale.map((f) => f.message.split(' ')[0])).toEqual(['`link/`', '`plain/`']);
  });

  it('a symlink or a file named like a directory pattern is not covered (near miss)', async () => {
    const dir = initRepo();
    const base = commit(dir, { 'slipway.yaml': POLICY, 'target/x': 'x\n' }, 'init');
    // A symlink `link` pointing at a directory: git stores it as a link, not as a directory.
    symlinkSync('target', join(dir, 'link'));
    commit(dir, { plain: 'a file, not a directory\n' }, 'symlink and file');
    expect(await pathRules(dir, base)).toEqual([]);
  });
});
