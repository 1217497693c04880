import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine.js';
import { initMigrationParsers } from '../../src/index.js';
import { readMigrationTrees } from '../../src/workspace-migrations.js';
import { parsePolicyText } from '../../src/policy/parse.js';
import { MemoryRepo } from '../../src/repo.js';
import { Workspace } from '../../src/workspace.js';
import { migration } from '../migrations/mig-source.js';

beforeAll(() => initMigrationParsers());

const section = { alembic: 'alembic/versions', sql: [] };
const policy = parsePolicyText('version: 1\nmigrations:\n  alembic: alembic/versions\n', 'slipway.yaml')
  .document!;

/** Two repositories with the same migration path and different contents, as two open folders. */
const repoA = new MemoryRepo({
  'slipway.yaml': policy.text,
  'alembic/versions/0001_base.py': migration('0001', null),
});
const repoB = new MemoryRepo({
  'slipway.yaml': policy.text,
  'alembic/versions/0001_base.py': migration('0001', null, "op.drop_table('users')"),
});

const moduleOf = (repo: MemoryRepo, workspace: Workspace) =>
  readMigrationTrees(repo, section, workspace).trees[0]?.modules[0];

describe('caches belong to the workspace passed in', () => {
  it('a check reads through the workspace it is given', () => {
    const workspace = new Workspace();
    const fromA = moduleOf(repoA, workspace);
    // Unchanged text: the same parsed module, served from the workspace.
    expect(moduleOf(repoA, workspace)).toBe(fromA);
    // Checking B with this workspace replaces its entry for the path, so A is parsed anew.
    runCheck({ policy, repo: repoB, workspace });
    const again = moduleOf(repoA, workspace);
    expect(again).not.toBe(fromA);
    expect(again).toEqual(fromA);
  });

  it('two workspaces with the same repository-relative path never evict or serve each other', () => {
    const a = new Workspace();
    const b = new Workspace();
    runCheck({ policy, repo: repoA, workspace: a });
    const fromA = moduleOf(repoA, a);
    runCheck({ policy, repo: repoB, workspace: b });
    const fromB = moduleOf(repoB, b);
    expect(fromB).not.toBe(fromA);
    expect(fromB?.upgrade?.ops.map((op) => op.kind)).toEqual(['drop_table']);
    expect(fromA?.upgrade?.ops).toEqual([]);
    // A's entry survived B's check of the same path: still the object A's check parsed.
    expect(moduleOf(repoA, a)).toBe(fromA);
  });

  it('a check without a workspace leaves every workspace untouched', () => {
    const workspace = new Workspace();
    const before = moduleOf(repoA, workspace);
    runCheck({ policy, repo: repoB });
    expect(moduleOf(repoA, workspace)).toBe(before);
  });
});
