import { describe, expect, it } from 'vitest';
import { shellEffects } from '../../../src/agent-gate/shell/index.js';
import { shellVerdicts } from '../../../src/agent-gate/shell-verdicts.js';

const refsOf = async (command: string) => (await shellEffects(command)).refWrites.map((w) => w.ref ?? '?');
const on = (currentBranch: string | undefined) => ({ productionBranch: 'main', currentBranch });
const refused = async (command: string, current: string | undefined = 'auto/task') =>
  shellVerdicts(await shellEffects(command), on(current)).filter((j) => j.reason.ruleId === 'BR001');

describe('shellEffects: the refs a git command writes in the clone', () => {
  it.each([
    ['branch -f', 'git branch -f main HEAD', ['refs/heads/main']],
    ['branch --force', 'git branch --force main auto/task', ['refs/heads/main']],
    ['branch creating main', 'git branch main', ['refs/heads/main']],
    ['branch -D', 'git branch -D main old', ['refs/heads/main', 'refs/heads/old']],
    ['branch -d -r', 'git branch -d -r origin/main', ['refs/remotes/origin/main']],
    ['branch -M renames the branch checked out', 'git branch -M main', ['HEAD', 'refs/heads/main']],
    ['branch -m old new', 'git branch -m main gone', ['refs/heads/main', 'refs/heads/gone']],
    ['branch -C copies', 'git branch -C auto/task main', ['refs/heads/main']],
    ['checkout -B', 'git checkout -B main', ['refs/heads/main']],
    ['checkout -qb, bundled', 'git checkout -qb main', ['refs/heads/main']],
    ['switch -C', 'git switch -C main', ['refs/heads/main']],
    ['switch --create=', 'git switch --create=main', ['refs/heads/main']],
    ['update-ref', 'git update-ref refs/heads/main HEAD', ['refs/heads/main']],
    ['update-ref -m -d', 'git update-ref -m why -d refs/remotes/origin/main', ['refs/remotes/origin/main']],
    [
      'update-ref through origin/HEAD',
      'git update-ref refs/remotes/origin/HEAD HEAD',
      ['refs/remotes/origin/HEAD'],
    ],
    ['update-ref --stdin', 'git update-ref --stdin < refs.txt', ['?']],
    [
      'symbolic-ref makes main point elsewhere',
      'git symbolic-ref refs/heads/main refs/heads/auto/task',
      ['refs/heads/main'],
    ],
    ['fetch into main from this clone', 'git fetch . HEAD:main', ['refs/heads/main']],
    [
      'fetch over origin/main',
      'git fetch /tmp/other +x:refs/remotes/origin/main',
      ['refs/remotes/origin/main'],
    ],
    [
      'fetch --refmap',
      "git fetch --refmap='+refs/heads/*:refs/remotes/origin/*' /tmp/other",
      ['refs/remotes/origin/*'],
    ],
    ['fetch from origin into another name', 'git fetch origin auto/task:main', ['refs/heads/main']],
    ['remote set-url origin', 'git remote set-url origin /tmp/other', ['refs/remotes/origin/*']],
    ['remote remove origin', 'git remote remove origin', ['refs/remotes/origin/*']],
    ['remote add --mirror', 'git remote add --mirror=fetch m /tmp/other', ['?']],
    ['a commit moves the branch checked out', 'git commit -m x', ['HEAD']],
    ['a dynamic branch name', 'git branch -f "$B" HEAD', ['?']],
    ['pull into main by a refspec', 'git pull -s ours origin auto/task:main', ['HEAD', 'refs/heads/main']],
    ['worktree add -B', 'git worktree add -B main ../wt HEAD', ['refs/heads/main']],
    ['worktree add -b', 'git worktree add -f -b main ../wt', ['refs/heads/main']],
    ['rebase --update-refs', 'git rebase --update-refs auto/base', ['HEAD', '?']],
    // A restore of paths moves no ref, whatever gives its tree-ish: git refuses -b/-B with paths.
    ['a restore from a commit a command names', 'git checkout $(git rev-parse other) -- .github', []],
    ['a restore with -B, which git refuses', 'git checkout -B main -- docs', []],
    ['a dynamic word and no path after --', 'git checkout $(git rev-parse other) --', ['?']],
    ['the only path dynamic: it may expand to none', 'git checkout -B main -- $(true)', ['?']],
    ['a dynamic word, no --', 'git checkout "$B"', ['?']],
  ])('%s', async (_name, command, refs) => {
    expect(await refsOf(command)).toEqual(refs);
  });

  it.each([
    ['listing branches', "git branch --list 'main*' && git branch -a && git branch -vv"],
    ['a branch started at main', 'git branch feature main && git checkout -b auto/next main'],
    ['the upstream of a branch', 'git branch -u origin/main && git branch --set-upstream-to=origin/main'],
    ['reading a symbolic ref', 'git symbolic-ref --short HEAD'],
    ['update-ref of HEAD itself, detached', 'git update-ref --no-deref HEAD abc123'],
    ['fetching origin as it is', 'git fetch origin && git fetch origin main && git fetch --all --prune'],
    [
      "origin's branch under its own name, written out in full",
      'git fetch origin refs/heads/main:refs/heads/main refs/heads/main:refs/remotes/origin/main',
    ],
    ["the clone's own mapping", "git fetch origin '+refs/heads/*:refs/remotes/origin/*'"],
    [
      'another remote',
      'git remote add upstream https://example.com/x.git && git remote set-url --push origin /x',
    ],
    ['reads and tags', 'git remote -v && git tag v1 && git log main..HEAD && git stash list'],
    [
      'a worktree of main, and one of a new branch',
      'git worktree add ../wt main && git worktree add -b auto/x ../x',
    ],
    ['a pull of main into the branch checked out', 'git pull origin main && git pull --rebase origin main'],
  ])('near miss: %s moves no production ref', async (_name, command) => {
    const guarded = ['refs/heads/main', 'refs/remotes/origin/main', '?'];
    const refs = await refsOf(command);
    expect(refs.filter((ref) => guarded.includes(ref) || ref.includes('*'))).toEqual([]);
  });
});

describe('shellVerdicts: a command that moves the production branch is refused', () => {
  it.each([
    'git branch -f main HEAD',
    'git update-ref refs/heads/main HEAD',
    'git checkout -B main',
    'git switch -C main',
    'git fetch . HEAD:main',
    'git branch -D main',
    'git update-ref refs/remotes/origin/main HEAD',
    'git remote remove origin',
    'git remote set-url origin /tmp/other',
    "git fetch --refmap='+refs/heads/*:refs/remotes/origin/*' /tmp/other",
    'git update-ref refs/remotes/origin/HEAD HEAD',
    'git update-ref --stdin < refs.txt',
    'cd sub && git branch -f main HEAD',
    // Found by a review: options that do not make git list, long options by a prefix, a short
    // source that may be a tag of origin's, a push into this clone, HEAD switched by hand.
    'git branch -v -f main HEAD~1',
    'git branch -fv main HEAD',
    'git branch --sort=refname -f main',
    'git branch --column -M feature main',
    'git branch --verbose -D main',
    'git branch --mov --forc feature main',
    'git branch --cop --forc feature main',
    'git branch --dele main',
    'git branch --remote -d origin/main',
    'git fetch origin main:main',
    'git fetch origin +main:refs/remotes/origin/main',
    'git symbolic-ref HEAD refs/heads/main && git commit -am x',
    'git branch --frobnicate main',
    'git pull origin auto/task:main',
    // Found by a second attack: git's own completion of short names, and a pattern refspec.
    'git fetch . HEAD:heads/main',

    'git worktree add -B main ../wt HEAD',
    'git rebase --update-refs auto/base',
  ])('%s', async (command) => {
    const [judged] = await refused(command);
    expect(judged?.verdict).toBe('deny');
    expect(judged?.reason.message).toMatch(/production branch main/);
    expect(judged?.reason.instead).toMatch(/branch of your own/);
  });

  it("a push to main by git's completion of a short name, or by a pattern refspec, is refused", async () => {
    for (const command of [
      'git push origin HEAD:heads/main',
      "git push origin 'refs/heads/x/*:refs/heads/*'",
    ]) {
      const [judged] = await refused(command);
      expect(judged?.verdict, command).toBe('deny');
      expect(judged?.reason.message, command).toMatch(/updates the production branch main/);
    }
  });

  it("a push into this clone over origin's copy is refused", async () => {
    const verdicts = shellVerdicts(
      await shellEffects('git push -f . work:refs/remotes/origin/main'),
      on('work'),
    );
    expect(verdicts.map((j) => j.reason.message)).toEqual([
      "`git push` to `work:refs/remotes/origin/main` moves origin's copy of the production branch main (the base this agent's work is judged against)",
    ]);
  });

  it("HEAD in another directory (-C, a cd out of the tree) may be another worktree's main", async () => {
    expect(await refused('git -C ../main-wt reset --soft work')).toHaveLength(1);
    expect(await refused('cd ../main-wt && git commit -am x')).toHaveLength(1);
    // Near miss: a folder of this tree.
    expect(await refused('cd packages/api && git commit -am x')).toEqual([]);
  });

  it('says where git runs, for the gate to tell a repository nested in a folder of the tree', async () => {
    const effects = await shellEffects('cd vendor/n && git commit -m x && git branch -f old');
    expect(effects.refWrites).toMatchObject([
      { ref: 'HEAD', runsIn: ['vendor/n'] },
      { ref: 'refs/heads/old', runsIn: ['vendor/n'] },
    ]);
  });

  it('near miss on main itself: unstaging, a dry run, an abort, a pull of its own upstream', async () => {
    for (const command of [
      'git reset',
      'git reset -- src/app.ts',
      'git reset HEAD src/app.ts',
      'git commit --dry-run',
      'git merge --abort',
      'git pull --ff-only',
    ])
      expect(await refused(command, 'main'), command).toEqual([]);
  });

  it('a commit or a reset on the production branch itself moves it; on the agent branch they do not', async () => {
    expect(await refused('git commit -am x', 'main')).toHaveLength(1);
    expect(await refused('git reset --soft HEAD~1', 'main')).toHaveLength(1);
    expect(await refused('git commit -am x && git reset --soft HEAD~1')).toEqual([]);
    // A detached HEAD, or a repository with no production branch yet: the branch is not main.
    expect(await refused('git commit -am x', undefined)).toEqual([]);
  });

  it('near miss: branches other than production, and origin fetched as it is', async () => {
    for (const command of [
      'git branch -f auto/task HEAD',
      'git checkout -B auto/retry',
      'git update-ref refs/heads/auto/task HEAD',
      'git fetch origin refs/heads/main:refs/heads/main',
      'git fetch origin',
      'git branch -u origin/main',
      'git symbolic-ref HEAD refs/heads/auto/next',
      'git branch -d old-feature',
      'git remote add upstream https://example.com/x.git',
      'git fetch upstream main:refs/remotes/upstream/main',
    ])
      expect(await refused(command), command).toEqual([]);
  });
});

describe('shellVerdicts: a push that names no branch goes where git settings say', () => {
  const judged = async (command: string, pushDestination?: { branch?: string; matching: boolean }) =>
    shellVerdicts(await shellEffects(command), {
      productionBranch: 'main',
      currentBranch: 'auto/task',
      ...(pushDestination ? { pushDestination } : {}),
    }).filter((j) => j.reason.ruleId === 'BR001');

  it("refused when the branch's upstream or a push refspec sends it to main", async () => {
    const [refusal] = await judged('git push', { branch: 'main', matching: false });
    expect(refusal?.reason.message).toBe(
      "`git push` names no branch, and git's settings send the current branch auto/task to main (its upstream, or a push refspec)",
    );
    expect(await judged('git push origin', { branch: 'main', matching: false })).toHaveLength(1);
  });

  it('refused under push.default=matching: every branch origin also has goes', async () => {
    const [refusal] = await judged('git push', { branch: 'auto/task', matching: true });
    expect(refusal?.reason.message).toMatch(/push.default is `matching`/);
  });

  it.each([
    ['git branch -u origin/main && git push', 'git branch setting an upstream'],
    ['git branch --set-upstream-to=origin/main; git push', 'git branch setting an upstream'],
    ['git -c push.default=upstream push', '-c push.default=upstream'],
    ['PD=upstream git --config-env=push.default=PD push', '--config-env push.default'],
    ['git config push.default upstream && git push origin', 'git config push.default upstream'],
    ['git config branch.auto/task.merge refs/heads/main && git push', 'git config branch.auto/task.merge'],
    ['git checkout -b auto/x --track origin/main && git push', 'git checkout setting an upstream'],
  ])('refused when the same command first changes the settings: %s', async (command, setting) => {
    const [refusal] = await judged(command, { branch: 'auto/task', matching: false });
    expect(refusal?.reason.message).toContain(`changes where such a push goes (${setting})`);
  });

  it('near miss: its own branch, a branch named in the push, settings changed with the branch named', async () => {
    for (const command of [
      'git push',
      'git push origin',
      'git branch -u origin/main && git push origin HEAD:auto/task',
      'git -c push.default=current push origin auto/task',
      'git push -u origin HEAD',
    ])
      expect(await judged(command, { branch: 'auto/task', matching: false }), command).toEqual([]);
    // No upstream yet: git pushes by name (or refuses); the current branch is not main.
    expect(await judged('git push', { matching: false })).toEqual([]);
  });
});
