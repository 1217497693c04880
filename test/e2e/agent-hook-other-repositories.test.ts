import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// Over 300 lines: one pair of repositories, A and B, built once for every case of "which
// repository governs a write" (each a trigger with its near miss); split, each file would build
// its own pair of real repositories again.
// Where a call's writes land decides which policy judges them, not where the session runs: a
// shell command's writes into another repository were dropped as "outside" by the session's own
// policy; a repository made inside a governed one (`git init --separate-git-dir`) moved the root
// every path under it is judged from; a `..` after a link was folded as text while the file
// system steps up from where the link leads; a patch's `*** Move to:` and a link into /proc
// chose no repository at all. Two governed repositories, A (the session's) and B beside it.
const POLICY = `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths:
    - core/
migrations:
  sql: ["db/*.sql"]
`;
const FILES = {
  'slipway.yaml': POLICY,
  'core/models.py': 'x = 1\n',
  'db/001_init.sql': 'CREATE TABLE users (id int);\n',
  'docs/a.md': '# A\n',
  'releases/v2/readme.md': 'v2\n',
};
const a = new AgentSession(FILES);
const b = new AgentSession(FILES);
// A third whose production branch is named otherwise (release).
const c = new AgentSession({
  ...FILES,
  'slipway.yaml': POLICY.replace('production_branch: main', 'production_branch: release'),
});
const DROP = "echo 'DROP TABLE users;'";
const outside = mkdtempSync(join(tmpdir(), 'slipway-elsewhere-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

const call = (cwd: string, tool_name: string, tool_input: unknown) =>
  a.answer({ session_id: 's-other', cwd, hook_event_name: 'PreToolUse', tool_name, tool_input });
const shell = (cwd: string, command: string) => call(cwd, 'Bash', { command });
const patch = (cwd: string, body: string) => {
  const r = a.hook('codex', {
    session_id: 's-other',
    cwd,
    hook_event_name: 'PreToolUse',
    tool_name: 'apply_patch',
    tool_input: { command: `*** Begin Patch\n${body}*** End Patch` },
  });
  return r.code === 2 ? `deny ${r.stderr}` : r.stdout.includes('"deny"') ? `deny ${r.stdout}` : 'allow';
};

describe("slipway hook: a shell command's writes are judged by the repository each lands in", () => {
  it('refuses writes into another repository, named absolutely, relatively or after a cd', () => {
    const toB = relative(a.dir, b.dir);
    expect(shell(a.dir, `${DROP} > ${b.at('db/002.sql')}`)).toMatch(/^deny .*MIG001/);
    expect(shell(a.dir, `${DROP} > ${toB}/db/002.sql`)).toMatch(/^deny .*MIG001/);
    expect(shell(a.dir, `cd ${toB} && ${DROP} > db/002.sql`)).toMatch(/^deny .*MIG001/);
    expect(shell(a.dir, `rm ${b.at('slipway.yaml')}`)).toMatch(/^deny .*PATH004.*slipway\.yaml/);
    // The other repository written whole: judged by it, not by the folder it sits in.
    expect(shell(a.dir, `rm -rf ${toB}`)).toMatch(/^deny .*PATH004.*slipway\.yaml/);
    expect(shell(a.dir, `cp -r db ${toB}`)).toMatch(/^(deny|ask) /);
    // `mkdir -p` makes only the folders missing on the way: the repository itself is not one.
    expect(shell(a.dir, `mkdir -p ${b.at('.git/hooks/x')}`)).toMatch(/^deny .*\.git/);
    expect(shell(a.dir, `mkdir -p ${b.at('docs/new/deep')} ${a.at('docs/new')}`)).toBe('allow');
    // Near misses: a file B's policy leaves alone; A's own files, judged by A as before.
    expect(shell(a.dir, `echo hi > ${b.at('docs/b.md')}`)).toBe('allow');
    expect(shell(a.dir, 'echo hi > docs/b.md')).toBe('allow');
  });

  it('refuses a glob or a brace whose folders reach into another repository', () => {
    // The glob's folder before its first pattern is the temp folder both repositories sit in, no
    // repository's: the session's policy found every match outside it and let them through.
    const [parent, nameA, nameB] = [dirname(a.dir), basename(a.dir), basename(b.dir)];
    writeFileSync(a.at('x.sql'), 'DROP TABLE users;\n');
    try {
      expect(shell(a.dir, `rm ../${nameB}*/slipway.yaml`)).toMatch(/^deny .*PATH004.*slipway\.yaml/);
      expect(shell(a.dir, `rm ../{${nameA},${nameB}}/core/*.py`)).toMatch(/^ask .*PATH003/);
      expect(shell(a.dir, `cp x.sql ../${nameB}*/db/`)).toMatch(/^deny .*db\//);
      expect(shell(outside, `rm ${parent}/${nameB}*/slipway.yaml`)).toMatch(/^deny .*PATH004/);
      // A brace writes each of its words, on disk or not; the session's own among them.
      expect(shell(a.dir, `touch ../{${nameA},${nameB}}/db/003.sql`)).toMatch(/^deny .*db\/003\.sql/);
      expect(shell(outside, `rm ${parent}/{${nameA},${nameB}}/slipway.yaml`)).toMatch(/^deny .*PATH004/);
      // A `**` (any depth under globstar) from no repository's folder: which it reaches is not listed.
      expect(shell(a.dir, 'rm ../**/slipway.yaml')).toMatch(/^ask .*\*\*/);
      // Near misses: the same globs reading, or writing files the policies leave alone.
      expect(shell(a.dir, `cat ../${nameB}*/slipway.yaml`)).toBe('allow');
      expect(shell(a.dir, `rm ../{${nameA},${nameB}}/docs/none*.md`)).toBe('allow');
      expect(shell(outside, `touch ${parent}/${nameB}*/docs/b.md`)).toBe('allow');
    } finally {
      rmSync(a.at('x.sql'));
    }
  });

  it('reads a brace as the words bash makes of it, and a lone glob as the sources it may be', () => {
    // `mv f{,.bak}` is `mv f f.bak`: one word to the text, so mv had no destination and wrote nothing.
    expect(shell(a.dir, 'mv slipway.yaml{,.bak}')).toMatch(/^deny .*PATH004.*slipway\.yaml/);
    expect(shell(a.dir, `mv ${b.at('slipway.yaml')}{,.bak}`)).toMatch(/^deny .*PATH004/);
    expect(shell(a.dir, '{rm,slipway.yaml}')).toMatch(/^deny .*PATH004/);
    // `mv core/*.py` moves all but the last match into the last.
    expect(shell(a.dir, 'mv core/*.py')).toMatch(/^(ask|deny) .*PATH003.*core\/models\.py/);
    // Near misses: a backup beside a file the rules leave alone, or beside a migration (a .bak
    // is no migration); braces in an echo.
    expect(shell(a.dir, 'cp docs/a.md{,.bak}')).toBe('allow');
    expect(shell(a.dir, 'cp db/001_init.sql{,.bak}')).toBe('allow');
    expect(shell(a.dir, 'echo {a,b}.sql > /dev/null')).toBe('allow');
  });

  it('judges a push by the branch checked out where it runs, not by the session’s', () => {
    // B has its production branch checked out: A's branch (work) was judged as the one pushed.
    const toB = relative(a.dir, b.dir);
    b.repo.git('checkout', '-q', 'main');
    try {
      expect(shell(a.dir, `git -C ${toB} push origin HEAD`)).toMatch(/^deny .*BR001/);
      expect(shell(a.dir, `git -C ${toB} push`)).toMatch(/^deny .*BR001/);
      expect(shell(a.dir, `cd ${toB} && git push -u origin HEAD`)).toMatch(/^deny .*BR001/);
      expect(shell(outside, `cd ${b.dir} && git push origin @`)).toMatch(/^deny .*BR001/);
      // Where git runs only the shell knows: which branch HEAD is, too.
      expect(shell(a.dir, `git --git-dir=${toB}/.git push origin HEAD`)).toMatch(/^deny .*BR001/);
      // Near misses: A's own branch from A; B's pushed to another branch by name.
      expect(shell(a.dir, 'git push origin HEAD')).toBe('allow');
      expect(shell(a.dir, `git -C ${toB} push origin HEAD:feature`)).toBe('allow');
    } finally {
      b.repo.git('checkout', '-q', 'work');
    }
    // Near miss: B's own work branch, pushed from B.
    expect(shell(a.dir, `git -C ${toB} push origin HEAD`)).toBe('allow');
  });

  it('judges a branch moved in another repository by that repository’s production branch', () => {
    // C names another production branch (release): judged by A's policy, a move of C's release
    // was no production branch's, and one of C's main was taken for A's.
    c.repo.git('branch', '-f', 'release', 'main');
    const toC = relative(a.dir, c.dir);
    expect(shell(a.dir, `git -C ${toC} branch -f release HEAD`)).toMatch(/^deny .*BR001.*release/);
    expect(shell(a.dir, `cd ${toC} && git update-ref refs/heads/release HEAD`)).toMatch(/^deny .*BR001/);
    expect(shell(outside, `git -C ${c.dir} branch -f release HEAD`)).toMatch(/^deny .*BR001/);
    // Near misses: C's main is no production branch of C's; A's release none of A's.
    expect(shell(a.dir, `git -C ${toC} branch -f main HEAD`)).toBe('allow');
    expect(shell(a.dir, 'git branch -f release HEAD')).toBe('allow');
    // A's own production branch, moved from A, as before.
    expect(shell(a.dir, 'git branch -f main HEAD')).toMatch(/^deny .*BR001/);
  });

  it('judges a folder outside every repository, written whole or copied into, by the repositories in it', () => {
    // A folder holding a clone of B: `rm -rf` of it, or `..` from inside the clone, was a write of
    // no repository's folder, and a folder named `b` copied into it merged into the clone.
    const parent = join(outside, 'parent');
    const src = join(outside, 'src');
    mkdirSync(join(src, 'b/db'), { recursive: true });
    mkdirSync(join(src, 'c'), { recursive: true });
    writeFileSync(join(src, 'b/slipway.yaml'), 'version: 1\n');
    writeFileSync(join(src, 'c/slipway.yaml'), 'version: 1\n');
    mkdirSync(join(parent, 'empty'), { recursive: true });
    b.repo.git('clone', '-q', b.dir, join(parent, 'b'));
    try {
      expect(shell(a.dir, `rm -rf ${parent}`)).toMatch(/^deny .*PATH004.*slipway\.yaml/);
      expect(shell(a.dir, `find ${parent} -name slipway.yaml -delete`)).toMatch(/^deny .*PATH004/);
      expect(shell(join(parent, 'b/db'), 'rm -rf ../..')).toMatch(/^deny .*PATH004/);
      expect(shell(a.dir, `rm -rf ${outside}/par*`)).toMatch(/^deny .*PATH004/);
      expect(shell(a.dir, `cp -r ${src}/b ${parent}`)).toMatch(/^deny .*PATH004.*slipway\.yaml/);
      expect(shell(a.dir, `cp -r ${src}/. ${parent}/`)).toMatch(/^deny .*PATH004/);
      // Near misses: a folder of it that holds no repository, a copy that lands beside the clone.
      expect(shell(a.dir, `rm -rf ${parent}/empty`)).toBe('allow');
      expect(shell(a.dir, `cp -r ${src}/c ${parent}`)).toBe('allow');
      // Each repository is a gate to open within the agent's hook timeout: past 16, asked.
      for (let i = 0; i < 17; i++) b.repo.git('init', '-q', join(parent, `many/r${i}`));
      expect(shell(a.dir, `touch ${parent}/many/*/x.md`)).toMatch(/^ask .*17 repositories, more than/);
      expect(shell(a.dir, `touch ${parent}/many/r1?/x.md`)).toBe('allow');
    } finally {
      rmSync(parent, { recursive: true, force: true });
      rmSync(src, { recursive: true, force: true });
    }
  });

  it('judges them from a folder no policy governs, which let the whole command through', () => {
    expect(shell(outside, `cd ${b.dir} && ${DROP} > db/002.sql`)).toMatch(/^deny .*MIG001/);
    expect(shell(outside, `rm ${b.at('slipway.yaml')}`)).toMatch(/^deny .*PATH004/);
    // Near miss: a write outside every repository is nobody's to judge.
    expect(shell(outside, `echo hi > ${join(outside, 'n.txt')}`)).toBe('allow');
  });

  it('asks the repository a part it cannot follow runs in or names, from a folder no policy governs', () => {
    // The session's folder has no policy: parts Slipway cannot follow were let through with it,
    // wherever they worked.
    const toB = relative(outside, b.dir);
    expect(shell(outside, `cd ${toB} && python3 -c 'print(1)'`)).toMatch(/^ask .*python3/);
    expect(shell(outside, `cd ${b.dir} && git reset --hard`)).toMatch(/^ask .*reset --hard/);
    expect(shell(outside, `tar -C ${toB} -xf x.tar`)).toMatch(/^ask .*tar/);
    expect(shell(outside, `env -C ${b.dir} rm core/models.py`)).toMatch(/^ask /);
    expect(shell(outside, `git --work-tree=${toB} checkout .`)).toMatch(/^ask .*work-tree/);
    expect(shell(outside, `python3 -c 'open("${b.at('core/models.py')}", "w")'`)).toMatch(/^ask .*python3/);
    // Near misses: the same parts where they reach no governed repository.
    expect(shell(outside, "python3 -c 'print(1)'")).toBe('allow');
    expect(shell(outside, 'tar -xf x.tar')).toBe('allow');
    expect(shell(outside, `ls ${b.dir} && cd ${b.dir} && git status`)).toBe('allow');
  });

  it("judges a write into a repository nested in the session's by the nested repository's policy", () => {
    const nested = a.at('vendor/n');
    mkdirSync(join(nested, 'db'), { recursive: true });
    writeFileSync(join(nested, 'slipway.yaml'), POLICY);
    a.repo.git('init', '-q', '-b', 'main', 'vendor/n');
    const git = (...args: string[]) =>
      a.repo.git('-C', 'vendor/n', '-c', 'user.name=t', '-c', 'user.email=t@t', ...args);
    git('add', '-A');
    git('commit', '-qm', 'init');
    git('checkout', '-qb', 'work');
    try {
      // Judged by A it was vendor/n/db/002.sql, no migration of A's.
      expect(shell(a.dir, `${DROP} > vendor/n/db/002.sql`)).toMatch(/^deny .*MIG001/);
      expect(shell(a.dir, "echo 'SELECT 1;' > vendor/n/db/002.sql")).toBe('allow');
      // Its branch is its own: with its production branch checked out, a commit there moves it.
      git('checkout', '-q', 'main');
      expect(shell(a.dir, 'cd vendor/n && git commit -qm x')).toMatch(/^deny .*BR001/);
      expect(shell(a.dir, 'cd vendor/n && git push origin HEAD')).toMatch(/^deny .*BR001/);
      // Near miss: a commit in a folder of A's own.
      expect(shell(a.dir, 'cd docs && git commit -qm x')).toBe('allow');
    } finally {
      rmSync(a.at('vendor'), { recursive: true, force: true });
    }
  });
});

describe('slipway hook: a repository made inside a governed one', () => {
  it('refuses git init in any form inside the repository', () => {
    // `db/.git` naming A's git directory made db a repository root, with A's policy from main:
    // db/002.sql was 002.sql there, which no rule covers.
    expect(shell(a.dir, `git init -q --separate-git-dir=${a.at('.git')} db`)).toMatch(/^deny .*git init/);
    expect(shell(a.dir, 'git init -q --bare db/.git')).toMatch(/^deny .*git init/);
    expect(shell(a.dir, 'git init db')).toMatch(/^deny .*db\/\.git/);
    expect(shell(a.dir, 'cd db && git init')).toMatch(/^deny .*db\/\.git/);
    // Again at the root: `--template` adds hooks to an existing repository.
    expect(shell(a.dir, 'git init --template=/tmp/t')).toMatch(/^deny .*git init/);
    // Near misses: a new repository outside every governed one; git reads.
    expect(shell(a.dir, `git init ${join(outside, 'fresh')}`)).toBe('allow');
    expect(shell(a.dir, 'git status')).toBe('allow');
  });
});

describe('slipway hook: a path that climbs out of a link with ".."', () => {
  it("judges a shell write where the file system lands it, and refuses a file tool's", () => {
    // docs/cur -> ../db, made where no rule looks: the text folds docs/cur/../db to docs/db.
    symlinkSync('../db', a.at('docs/cur'));
    symlinkSync('releases/v2', a.at('latest'));
    try {
      expect(shell(a.dir, `cd docs/cur && ${DROP} > ../db/002.sql`)).toMatch(/^deny .*MIG001/);
      expect(shell(a.at('docs/cur'), `${DROP} > ../db/002.sql`)).toMatch(/^deny .*MIG001/);
      expect(shell(a.dir, `${DROP} > latest/../../db/002.sql`)).toMatch(/^deny .*MIG001/);
      expect(shell(a.dir, "echo 'on: push' > docs/cur/../.github/workflows/x.yml")).toMatch(
        /^deny .*PATH004/,
      );
      // `cd -P` steps up physically too: where to, only the disk says.
      expect(shell(a.dir, `cd -P docs/cur/.. && ${DROP} > db/002.sql`)).toMatch(/^ask .*cannot tell/);
      // A file tool may resolve the path either way: refused, with both readings (the path as
      // the agent sends it: path.join would fold it).
      expect(call(a.dir, 'Write', { file_path: `${a.dir}/latest/../../slipway.yaml`, content: 'x' })).toMatch(
        /^deny .*climbs out of a symbolic link/,
      );
      expect(patch(a.dir, '*** Add File: docs/cur/../db/002.sql\n+DROP TABLE users;\n')).toMatch(
        /^deny .*climbs out of a symbolic link/,
      );
      // Near misses: a `..` no link precedes, for the shell and for a file tool.
      expect(shell(a.dir, 'cd docs && echo hi > ../docs/b.md')).toBe('allow');
      expect(call(a.dir, 'Write', { file_path: `${a.dir}/docs/../docs/c.md`, content: 'hi\n' })).toBe(
        'allow',
      );
    } finally {
      rmSync(a.at('docs/cur'));
      rmSync(a.at('latest'));
    }
  });

  it('refuses a write through a link into /proc made with a relative target', () => {
    // Made deep, then moved up: `../../../proc/self/cwd` then names the process's own folder,
    // which the gate resolved as its own working directory, the shell as wherever it cd'd.
    mkdirSync(join(outside, 'd1/d2'), { recursive: true });
    symlinkSync('../../../../../../../../../../proc/self/cwd', join(outside, 'd1/d2/p'));
    renameSync(join(outside, 'd1/d2/p'), join(outside, 'p'));
    expect(shell(a.dir, `cd db && ${DROP} > ${join(outside, 'p/002.sql')}`)).toMatch(/^deny .*\/proc/);
    expect(
      call(a.dir, 'Write', { file_path: join(outside, 'p/db/002.sql'), content: 'DROP TABLE users;' }),
    ).toMatch(/^deny .*\/proc/);
  });
});

describe('slipway hook: a shell write through a link a person made', () => {
  it('judges a shell write through a link by the repository the link leads into', () => {
    // Links a person made: outside every repository (to B, to B's policy file), and in A to B.
    symlinkSync(b.dir, join(outside, 'toB'));
    symlinkSync(b.at('slipway.yaml'), join(outside, 'p.yaml'));
    symlinkSync(b.dir, a.at('docs/toB'));
    symlinkSync(b.at('db'), a.at('docs/cur'));
    try {
      // The folder a write sits in by its name is outside every repository, or A's: judged there, let through.
      expect(shell(a.dir, `rm ${outside}/toB/slipway.yaml`)).toMatch(/^deny .*PATH004/);
      expect(shell(outside, 'echo x > toB/slipway.yaml')).toMatch(/^deny .*PATH004/);
      expect(shell(a.dir, `echo x > ${outside}/p.yaml`)).toMatch(/^deny .*PATH004/);
      // `rm -rf toB/` empties the folder the link leads to (the parser keeps no trailing slash).
      expect(shell(outside, 'rm -rf toB/')).toMatch(/^deny .*PATH004/);
      // A glob through a link in A: A's files list no file under it.
      expect(shell(a.dir, 'rm -rf docs/toB/*')).toMatch(/^deny .*PATH004/);
      // A glob with `..` after a link: folded as text it was docs/*.yaml.
      expect(shell(a.dir, 'rm docs/cur/../*.yaml')).toMatch(/^deny .*PATH004/);
      // Near misses: removing a link removes the link; reads; a file B's policy leaves alone.
      expect(shell(a.dir, `rm ${outside}/p.yaml`)).toBe('allow');
      expect(shell(outside, 'rm -rf toB')).toBe('allow');
      expect(shell(a.dir, 'rm -rf docs/*')).toBe('allow');
      expect(shell(a.dir, `cat ${outside}/toB/slipway.yaml docs/toB/*`)).toBe('allow');
      expect(shell(outside, 'echo hi > toB/docs/b.md')).toBe('allow');
      expect(shell(a.dir, 'rm docs/cur/../docs/none*.md')).toBe('allow');
    } finally {
      for (const link of [join(outside, 'toB'), join(outside, 'p.yaml'), a.at('docs/toB'), a.at('docs/cur')])
        rmSync(link);
    }
  });
});

describe("slipway hook: a Codex patch's files, each judged where it lands", () => {
  it('judges the destination of a move', () => {
    writeFileSync(join(outside, 'n.md'), 'hello\n');
    const from = relative(a.dir, join(outside, 'n.md'));
    const move = (src: string, dest: string) =>
      patch(a.dir, `*** Update File: ${src}\n*** Move to: ${dest}\n@@\n-hello\n+DROP TABLE users;\n`);
    expect(move(from, 'db/002.sql')).toMatch(/^deny .*db\/002\.sql/);
    expect(move(from, '.github/workflows/x.yml')).toMatch(/^deny .*PATH004/);
    expect(move('docs/a.md', `${relative(a.dir, b.dir)}/db/002.sql`)).toMatch(/^deny .*db\/002\.sql/);
    // Near miss: moved into a folder the policy leaves alone.
    expect(move(from, 'docs/n.md')).toBe('allow');
  });

  it('asks where each file lands when the folder they share has no policy', () => {
    // A decoy first, then the policy file through a link the agent made outside to A.
    mkdirSync(join(outside, 'x/deep'), { recursive: true });
    symlinkSync(relative(join(outside, 'x'), a.dir), join(outside, 'x/deep/l2'));
    renameSync(join(outside, 'x/deep/l2'), join(outside, 'x/l2'));
    const x = relative(a.dir, join(outside, 'x'));
    expect(
      patch(
        a.dir,
        `*** Add File: ${x}/plain.md\n+hi\n*** Update File: ${x}/l2/slipway.yaml\n@@\n-production_branch: main\n+production_branch: nope\n`,
      ),
    ).toMatch(/^deny .*PATH004/);
    // Near miss: the decoy alone.
    expect(patch(a.dir, `*** Add File: ${x}/plain2.md\n+hi\n`)).toBe('allow');
  });
});
