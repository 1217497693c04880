import { describe, expect, it } from 'vitest';
import { shellEffects } from '../../../src/agent-gate/shell/index.js';
import { summarize } from './summarize.js';

/**
 * git subcommands a red team saw asked about although the form they ran only reads, each beside
 * the forms of the same subcommand that write the work tree, refs or files, or run a program:
 * [name, command, writes (see summarize), unknown kinds].
 */
type Row = [name: string, command: string, writes: string[], unknown?: string[]];

const ROWS: Row[] = [
  ['git worktree list', 'git worktree list; git worktree list --porcelain -z; git worktree list -v', []],
  ['near miss: git worktree add writes a work tree', 'git worktree add ../wt', [], ['targets']],
  ['near miss: git worktree remove, prune', 'git worktree remove ../wt; git worktree prune', [], ['targets']],
  [
    'git submodule (status), status, summary',
    'git submodule; git submodule -q --cached; git submodule status --recursive; git submodule summary -n 3',
    [],
  ],
  ['near miss: git submodule foreach runs a command', "git submodule foreach 'rm x'", [], ['runs-code']],
  ['near miss: --quiet before foreach', "git submodule --quiet foreach 'rm x'", [], ['runs-code']],
  [
    'near miss: git submodule update, add',
    'git submodule update --init; git submodule add u s',
    [],
    ['targets'],
  ],
  ['near miss: a submodule command only the shell knows', 'git submodule "$CMD"', [], ['targets']],
  ['git sparse-checkout list', 'git sparse-checkout list', []],
  ['near miss: git sparse-checkout set', 'git sparse-checkout set docs', [], ['targets']],
  ['git bisect log', 'git bisect log', []],
  ['near miss: git bisect run runs a program', 'git bisect run make test', [], ['runs-code']],
  ['near miss: git bisect good, visualize (gitk)', 'git bisect good; git bisect visualize', [], ['targets']],
  ['git cherry', 'git cherry -v main', []],
  [
    'git merge-tree: trivial and --write-tree',
    'git merge-tree b main HEAD; git merge-tree --write-tree main HEAD',
    [],
  ],
  [
    'git format-patch --stdout',
    'git format-patch --stdout -1 | head; git format-patch --stdout main..HEAD',
    [],
  ],
  ['git format-patch --stdout into a file', 'git format-patch --stdout -1 > fix.patch', ['fix.patch']],
  ['near miss: git format-patch writes patch files', 'git format-patch -1', [], ['targets']],
  [
    'near miss: format-patch -o dir',
    'git format-patch -o out -1; git format-patch -1 -oout',
    [],
    ['targets'],
  ],
  ['near miss: --stdout with -o', 'git format-patch --stdout -o out -1', [], ['targets']],
  ['near miss: --output-directory', 'git format-patch --stdout --output-directory=out -1', [], ['targets']],
  ['near miss: --no-stdout after it (abbreviated)', 'git format-patch --stdout --no-std -1', [], ['targets']],
  ['near miss: a word only the shell knows', 'git format-patch --stdout "$O" -1', [], ['targets']],
  // Both write 0001-*.patch (git 2.39): --stdout is the prefix's value, then a path.
  ['near miss: --stdout as a value', 'git format-patch --subject-prefix --stdout -1', [], ['targets']],
  ['near miss: --stdout after --', 'git format-patch -1 -- a --stdout', [], ['targets']],
  [
    'git archive to stdout',
    'git archive HEAD > /dev/null; git archive --format=zip --prefix=p/ HEAD src',
    [],
  ],
  ['git archive --list', 'git archive -l', []],
  [
    'git archive -o writes that file',
    'git archive -o a.tar HEAD; git archive --output=b.zip HEAD',
    ['a.tar', 'b.zip'],
  ],
  [
    'git archive -oFILE, --output FILE',
    'git archive -oa.tar HEAD; git archive --output b.tar HEAD',
    ['a.tar', 'b.tar'],
  ],
  ['git archive --outp= (abbreviated)', 'git archive --outp=slipway.yaml HEAD', ['slipway.yaml']],
  ['git -C dir archive -o', 'git -C sub archive -o a.tar HEAD', ['sub/a.tar']],
  ['near miss: -o in a bundle of short options', 'git archive -vo a.tar HEAD', [], ['targets']],
  ['near miss: git archive --remote runs a transport', 'git archive --remote=origin HEAD', [], ['runs-code']],
  ['near miss: --rem (abbreviated)', 'git archive --rem=../r HEAD', [], ['runs-code']],
  ['near miss: git archive --exec', 'git archive --remote=o --exec="rm f" HEAD', [], ['runs-code']],
  ['near miss: a git archive word only the shell knows', 'git archive "$REF"', [], ['targets']],
];

describe('shellEffects: git subcommands in the forms that only read', () => {
  it.each(ROWS)('%s', async (_name, command, writes, unknown = []) => {
    const s = summarize(await shellEffects(command));
    expect(s.unreadable).toBe(false);
    expect(s.writes.sort()).toEqual([...writes].sort());
    expect([...new Set(s.unknown)].sort()).toEqual([...new Set(unknown)].sort());
  });

  it('a read before a commit leaves what the commit records as the gate read it', async () => {
    const effects = await shellEffects(
      'git worktree list && git submodule status && git archive HEAD > /dev/null && git commit -m x',
    );
    expect(effects.indexChanges).toEqual(['git commit']);
    expect(effects.commits[0]?.indexMovedBy).toBeUndefined();
  });
});
