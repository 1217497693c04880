import { describe, expect, it } from 'vitest';
import { ciLocalActions, localActionLookup, localActionsOf } from '../../src/policy/ci-local-actions.js';

/** A repository as a map of files; `read` answers from it, `reads` records the levels asked. */
function repo(files: Record<string, string>) {
  const levels: string[][] = [];
  return {
    levels,
    read: (p: string) => files[p],
    expect: (paths: readonly string[]) => levels.push([...paths]),
  };
}

/**
 * The local actions CI runs, found by a line scan of the workflows and followed through the
 * actions they name (bounded), each with the file and line that names it.
 */
describe('localActionsOf', () => {
  it('finds each `uses: ./…` of a workflow with its line, in every YAML spelling', () => {
    const r = repo({
      '.github/workflows/ci.yml': [
        'jobs:',
        '  a:',
        '    steps:',
        '      - uses: ./tools/gate',
        '      - {name: x, uses: ./tools/flow}',
        '      - "uses": "./tools/quoted/"',
        "      - uses: './tools/single'  # comment",
        '      - uses: actions/checkout@v4',
        '      - run: echo done',
        '      - uses: ./',
        '  reuse:',
        '    uses: ./.github/workflows/reusable.yml',
      ].join('\n'),
    });
    expect(localActionsOf(['.github/workflows/ci.yml'], r.read, r.expect)).toEqual([
      { dir: 'tools/gate', usedBy: '.github/workflows/ci.yml', line: 4 },
      { dir: 'tools/flow', usedBy: '.github/workflows/ci.yml', line: 5 },
      { dir: 'tools/quoted', usedBy: '.github/workflows/ci.yml', line: 6 },
      { dir: 'tools/single', usedBy: '.github/workflows/ci.yml', line: 7 },
      { dir: '.github/workflows/reusable.yml', usedBy: '.github/workflows/ci.yml', line: 12 },
    ]);
  });

  it('counts lines right when `uses:` starts a line, or the text, and reads loose spacing', () => {
    const r = repo({ 'a/action.yml': 'uses: ./first\nname: x\nuses: ./third\n  uses :  ./spaced\n' });
    expect(localActionsOf(['a/action.yml'], r.read).map((a) => [a.dir, a.line])).toEqual([
      ['first', 1],
      ['third', 3],
      ['spaced', 4],
    ]);
  });

  it('follows an action folder even when its name holds .yml, never a workflow file', () => {
    const r = repo({
      'w.yml': 'steps:\n  - uses: ./tools.yml-kit\n  - uses: ./flows/deploy.yaml\n',
      'tools.yml-kit/action.yml': 'steps:\n  - uses: ./inner\n',
    });
    expect(localActionsOf(['w.yml'], r.read, r.expect).map((a) => a.dir)).toEqual([
      'tools.yml-kit',
      'flows/deploy.yaml',
      'inner',
    ]);
  });

  it('near misses: a word ending in uses, a remote action, a path without ./', () => {
    const r = repo({
      'w.yml':
        'x:\n  reuses: ./not/this\n  causes: ./nor/this\n  uses: tools/remote\n  uses: owner/repo/./x@v1\n',
    });
    expect(localActionsOf(['w.yml'], r.read)).toEqual([]);
  });

  it("follows a composite action's own local actions, level by level, and each action once", () => {
    const r = repo({
      'w.yml': 'steps:\n  - uses: ./a\n  - uses: ./a\n',
      'a/action.yml': 'runs:\n  steps:\n    - uses: ./b\n',
      'b/action.yaml': 'runs:\n  steps:\n    - uses: ./a\n    - uses: ./c\n',
      'c/action.yml': 'runs:\n  steps: []\n',
    });
    expect(localActionsOf(['w.yml'], r.read, r.expect)).toEqual([
      { dir: 'a', usedBy: 'w.yml', line: 2 },
      { dir: 'b', usedBy: 'a/action.yml', line: 3 },
      { dir: 'c', usedBy: 'b/action.yaml', line: 4 },
    ]);
    // One batch of reads per level: the workflow, then each action's two spellings.
    expect(r.levels).toEqual([
      ['w.yml'],
      ['a/action.yml', 'a/action.yaml'],
      ['b/action.yml', 'b/action.yaml'],
      ['c/action.yml', 'c/action.yaml'],
    ]);
  });

  it('stops following four levels down, and a reusable workflow is not read as an action', () => {
    const files: Record<string, string> = { 'w.yml': 'steps:\n  - uses: ./l1\n  - uses: ./x.yml\n' };
    for (let i = 1; i <= 6; i++) files[`l${i}/action.yml`] = `steps:\n  - uses: ./l${i + 1}\n`;
    const r = repo(files);
    expect(localActionsOf(['w.yml'], r.read).map((a) => a.dir)).toEqual(['l1', 'x.yml', 'l2', 'l3', 'l4']);
    expect(r.levels).toEqual([]);
  });

  it('names at most 64 actions however many are written, and reads no further once it has them', () => {
    const text = Array.from({ length: 80 }, (_, i) => `- uses: ./a${i}`).join('\n');
    const r = repo({ 'w.yml': text });
    const found = localActionsOf(['w.yml'], r.read, r.expect);
    expect(found).toHaveLength(64);
    expect(found.at(-1)).toEqual({ dir: 'a63', usedBy: 'w.yml', line: 64 });
    expect(r.levels).toHaveLength(1);
  });
});

describe('localActionLookup', () => {
  it('says which action a path belongs to, folded as the surface is; nothing for other paths', () => {
    const lookup = localActionLookup([
      { dir: 'tools/gate', usedBy: 'w.yml', line: 2 },
      { dir: 'x.yml', usedBy: 'w.yml', line: 3 },
    ]);
    expect(lookup.which('tools/gate/run.sh')?.dir).toBe('tools/gate');
    expect(lookup.which('Tools/Gate/action.yml')?.dir).toBe('tools/gate');
    expect(lookup.which('x.yml')?.line).toBe(3);
    expect(lookup.which('tools/gateway/run.sh')).toBeUndefined();
    expect(localActionLookup([]).which('tools/gate/run.sh')).toBeUndefined();
  });
});

describe('ciLocalActions: which files are workflows', () => {
  it('.github/workflows/*.yml and *.yaml at the root only, nothing else asked for', () => {
    const files: Record<string, string> = {
      '.github/workflows/ci.yml': 'steps:\n  - uses: ./tools/gate\n',
      '.github/workflows/release.yaml': 'steps:\n  - uses: ./tools/ship\n',
      '.github/workflows/ci.yml.orig': 'steps:\n  - uses: ./tools/old\n',
      '.github/workflows/deep/b.yml': 'steps:\n  - uses: ./tools/deep\n',
      'sub/.github/workflows/a.yml': 'steps:\n  - uses: ./tools/sub\n',
      'README.md': '',
    };
    const asked: string[][] = [];
    const lookup = ciLocalActions(
      { listFiles: () => Object.keys(files) } as unknown as Parameters<typeof ciLocalActions>[0],
      (p) => files[p],
      (paths) => asked.push([...paths]),
    );
    expect(asked[0]).toEqual(['.github/workflows/ci.yml', '.github/workflows/release.yaml']);
    expect(lookup.which('tools/gate/run.sh')?.dir).toBe('tools/gate');
    expect(lookup.which('tools/ship/x')?.dir).toBe('tools/ship');
    for (const p of ['tools/old/x', 'tools/deep/x', 'tools/sub/x']) expect(lookup.which(p)).toBeUndefined();
  });

  it('a local action whose folder name holds ".yml" is still a folder: its action.yml is read', () => {
    const r = repo({
      '.github/workflows/ci.yml': 'steps:\n  - uses: ./tools/x.yml-check\n',
      'tools/x.yml-check/action.yml': 'runs:\n  steps:\n    - uses: ./tools/inner\n',
    });
    expect(localActionsOf(['.github/workflows/ci.yml'], r.read, r.expect).map((a) => a.dir)).toEqual([
      'tools/x.yml-check',
      'tools/inner',
    ]);
  });
});
