import { describe, expect, it } from 'vitest';
import { shellEffects } from '../../../src/agent-gate/shell/index.js';
import { LIMITS } from '../../../src/limits.js';

describe('shellEffects: git push, as the gate needs it', () => {
  const pushes: [name: string, command: string, push: object][] = [
    ['no refspec: the current branch', 'git push', { refspecs: [], force: false }],
    ['remote alone', 'git push origin', { remote: 'origin', refspecs: [], force: false }],
    ['HEAD:main', 'git push origin HEAD:main', { remote: 'origin', refspecs: ['HEAD:main'], force: false }],
    ['--force', 'git push --force origin main', { refspecs: ['main'], force: true }],
    ['-f in a bundle of short options', 'git push -fu origin main', { force: true }],
    ['--force-with-lease', 'git push --force-with-lease origin main', { force: true }],
    ['+refspec forces', 'git push origin +main', { refspecs: ['+main'], force: true }],
    ['refs/heads/main', 'git push origin refs/heads/main', { refspecs: ['refs/heads/main'], force: false }],
    ['--delete', 'git push --delete origin old', { deletes: true, refspecs: ['old'] }],
    [':branch deletes', 'git push origin :main', { deletes: true }],
    ['--all', 'git push --all origin', { all: true }],
    ['--mirror forces and deletes', 'git push --mirror origin', { all: true, force: true, deletes: true }],
    [
      'global options before push',
      'git -C sub -c push.default=current push origin main',
      { remote: 'origin', refspecs: ['main'] },
    ],
    ['inside bash -c', `bash -c 'git push -f origin main'`, { force: true }],
    ['a dynamic remote', 'git push "$REMOTE" main', { dynamic: true }],
    ['--dry-run', 'git push --dry-run origin main', { dryRun: true }],
    ['where git runs: here', 'git push origin HEAD', { runsIn: [''] }],
    ['where git runs: -C', 'git -C ../b push origin HEAD', { runsIn: ['../b'] }],
    ['where git runs: a cd before it', 'cd ../b && git push', { runsIn: ['../b'] }],
    ['where git runs: not said by --git-dir', 'git --git-dir=../b/.git push', { runsInUnknown: true }],
  ];
  it.each(pushes)('%s', async (_name, command, push) => {
    const effects = await shellEffects(command);
    expect(effects.pushes).toHaveLength(1);
    expect(effects.pushes[0]).toMatchObject(push);
  });

  it('near miss: git log, git fetch and a commit message saying "git push" push nothing', async () => {
    const effects = await shellEffects(
      `git fetch origin && git log origin/main && git commit -m "git push --force"`,
    );
    expect(effects.pushes).toEqual([]);
    expect(effects.skipsHooks).toBe(false);
  });

  it.each([
    ['git commit --no-verify', 'git commit --no-verify -m x'],
    ['git commit -n', 'git commit -n -m x'],
    ['git commit -anm', 'git commit -anm x'],
    ['git push --no-verify', 'git push --no-verify'],
    ['-c core.hooksPath=/dev/null', 'git -c core.hooksPath=/dev/null commit -m x'],
    ['-c core.hooksPath=hooks (also runs them: unknown)', 'git -c core.hooksPath=hooks commit -m x'],
    ['HUSKY=0', 'HUSKY=0 git commit -m x'],
  ])('skips hooks: %s', async (_name, command) => {
    expect((await shellEffects(command)).skipsHooks).toBe(true);
  });

  it('near miss: -m with an n in its message, and -mn (the message is "n"), keep hooks', async () => {
    expect((await shellEffects('git commit -m "no verify" && git commit -mn')).skipsHooks).toBe(false);
  });
});

describe('shellEffects: limits, never a crash, never quadratic', () => {
  it('a command of 100,000 words is unreadable at once (a scan, no parse)', async () => {
    await shellEffects('true'); // the parser loaded
    const command = `echo ${'w '.repeat(100_000)}`;
    const start = performance.now();
    const effects = await shellEffects(command);
    const ms = performance.now() - start;
    expect(effects.unreadable).toMatch(/more than 10000 words/);
    expect(ms).toBeLessThan(250);
  });

  it('near miss: a command just under the word limit is read, in about a second at most', async () => {
    const command = `echo ${Array.from({ length: LIMITS.shell.words - 10 }, (_, i) => `w${i}`).join(' ')} > out.txt`;
    const start = performance.now();
    const effects = await shellEffects(command);
    const ms = performance.now() - start;
    expect(effects.unreadable).toBeUndefined();
    expect(effects.writes.map((w) => w.path)).toEqual(['out.txt']);
    // ~0.7 s with the machine's load at 12 on 2 cores; the bound leaves room for worse.
    expect(ms).toBeLessThan(5000);
  });

  it(';-separated commands count as words: 30,000 `a;` are unreadable', async () => {
    expect((await shellEffects('a;'.repeat(30_000))).unreadable).toMatch(/words/);
  });

  it('past the character limit', async () => {
    const effects = await shellEffects(`cat > f <<'EOF'\n${'x'.repeat(LIMITS.shell.chars)}\nEOF`);
    expect(effects.unreadable).toMatch(/characters, past the limit/);
  });

  it.each([
    ['parentheses', `${'('.repeat(5000)}rm f${')'.repeat(5000)}`],
    ['command substitutions', `echo ${'$('.repeat(5000)}rm f${')'.repeat(5000)}`],
  ])('nesting 5,000 deep (%s) is unreadable, not a stack overflow', async (_name, command) => {
    expect((await shellEffects(command)).unreadable).toMatch(/nests/);
  });

  it('5,000 nested ifs (no brackets) are unreadable, not a crash', async () => {
    const effects = await shellEffects(`${'if a; then '.repeat(5000)}rm f${'; fi'.repeat(5000)}`);
    expect(effects.unreadable).toBeDefined();
  });

  it('near miss: 30 nested subshells are read', async () => {
    // Spaced: `((` opens an arithmetic command in bash.
    const effects = await shellEffects(`${'( '.repeat(30)}rm f${' )'.repeat(30)}`);
    expect(effects.writes.map((w) => w.path)).toEqual(['f']);
  });

  it('bash -c nested past the limit is unknown, not followed forever', async () => {
    let command = 'rm f';
    for (let i = 0; i < LIMITS.shell.nestedDepth + 2; i++)
      command = `eval ${JSON.stringify(command).replace(/\$/g, '\\$')}`;
    const effects = await shellEffects(command);
    expect(effects.unknown.map((u) => u.why).join()).toMatch(/nests shell code more than/);
  });

  it.each([
    ['an unterminated quote', "echo 'x > f"],
    ['an unterminated heredoc', 'cat > f <<EOF\nx'],
    ['a stray fi', 'fi'],
  ])('a syntax error is unreadable: %s', async (_name, command) => {
    expect((await shellEffects(command)).unreadable).toMatch(/not valid bash/);
  });
});

describe('shellEffects: git init makes a git directory, a write of it', () => {
  const inits: [command: string, paths: string[]][] = [
    ['git init', ['.git']],
    ['git init db', ['db/.git']],
    ['git init -q -b main db/', ['db/.git']],
    ['cd db && git init', ['db/.git']],
    ['git -C db init', ['db/.git']],
    ['git init --bare db/.git', ['db/.git/.git']],
    ['git init --separate-git-dir=/r/.git db', ['/r/.git', 'db/.git']],
    ['git init --separate-git-dir /r/.git db', ['/r/.git', 'db/.git']],
    ['git init --template /t --initial-branch main x', ['x/.git']],
  ];
  it.each(inits)('%s', async (command, paths) => {
    const effects = await shellEffects(command);
    expect(effects.writes.map((w) => w.path).sort()).toEqual([...paths].sort());
    expect(effects.unknown).toEqual([]);
  });

  it('a directory the text does not give is unknown', async () => {
    expect((await shellEffects('git init "$D"')).unknown.map((u) => u.kind)).toEqual(['dynamic']);
  });
});

describe('shellEffects: a path with ".." keeps its unfolded form, which only the disk resolves', () => {
  it('keeps the path as joined when it climbs, and not otherwise', async () => {
    const effects = await shellEffects('cd docs/cur && echo x > ../db/a.sql && echo y > b.md');
    expect(effects.writes.map((w) => [w.path, w.unfolded])).toEqual([
      ['docs/db/a.sql', 'docs/cur/../db/a.sql'],
      ['docs/cur/b.md', undefined],
    ]);
  });

  it("keeps a glob's too, in glob syntax", async () => {
    const effects = await shellEffects('rm docs/cur/../*.yaml && cd "d[1]" && rm ../x/*.sql && rm *.md');
    expect(effects.writes.map((w) => [w.path, w.unfolded])).toEqual([
      ['docs/*.yaml', 'docs/cur/../*.yaml'],
      ['x/*.sql', 'd\\[1\\]/../x/*.sql'],
      ['d\\[1\\]/*.md', undefined],
    ]);
  });

  it('says which paths were written with a trailing slash (a link there is followed)', async () => {
    const effects = await shellEffects('rm -rf r/ && rm -rf s && rm -rf d*/ && cp -r x t/.');
    expect(effects.writes.map((w) => [w.path, w.slash])).toEqual([
      ['r', true],
      ['s', undefined],
      ['d*', true],
      ['t', true],
    ]);
  });

  it('`cd -P` through ".." leaves the directory unknown; the default `cd` folds the text', async () => {
    expect((await shellEffects('cd -P docs/cur/.. && rm f')).unknown.map((u) => u.kind)).toEqual(['cwd']);
    expect((await shellEffects('cd docs/cur && cd -eP .. && rm f')).unknown.map((u) => u.kind)).toEqual([
      'cwd',
    ]);
    expect((await shellEffects('cd -L docs/cur/.. && rm f')).writes.map((w) => w.path)).toEqual(['docs/f']);
    expect((await shellEffects('cd -P docs/cur && rm f')).writes.map((w) => w.path)).toEqual(['docs/cur/f']);
  });
});
