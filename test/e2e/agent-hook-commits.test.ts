import { rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// A commit records the index, and the gate judges the files on disk: text staged and then
// changed on disk (or staged from elsewhere, past the gate) would be committed unjudged. A
// `git commit` is judged by what it records too.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths:
    - core/
migrations:
  sql: ["db/*.sql"]
`,
  'core/models.py': 'x = 1\n',
  'db/001_init.sql': 'CREATE TABLE users (id int, mail text);\n',
  'docs/a.md': '# A\n',
});
const git = (...args: string[]) => session.repo.git(...args);
/** `rel` staged with `staged`, then `onDisk` written over it (the index is not touched). */
const stageThenOverwrite = (rel: string, staged: string, onDisk: string) => {
  writeFileSync(session.at(rel), staged);
  git('add', '--', rel);
  writeFileSync(session.at(rel), onDisk);
};

describe('slipway hook: a commit is judged by what the index holds', () => {
  it('refuses a commit of a staged migration that drops a table, though the disk holds a harmless one', () => {
    stageThenOverwrite('db/002_drop.sql', 'DROP TABLE users;\n', 'CREATE TABLE notes (id int);\n');
    try {
      // The disk's text alone is harmless: a write of it passes.
      expect(session.write('db/002_drop.sql', 'CREATE TABLE notes (id int);\n')).toMatchObject({
        code: 0,
        stdout: '',
      });
      const refused = session.decision('git commit -qm "notes"');
      expect(refused).toMatch(/^deny .*MIG001.*db\/002_drop\.sql/);
      // Judged twice (the disk, then the index), each reason is said once.
      expect(refused.match(/\[MIG001\]/g)).toHaveLength(1);
      expect(session.decision('git commit --amend --no-edit')).toMatch(/^deny .*MIG001/);
      expect(session.decision('git add docs && git commit -qm x')).toMatch(/^deny .*MIG001/);
      // Near misses: a dry run records nothing, and once the index holds the disk's text it passes.
      expect(session.decision('git commit --dry-run -m notes')).toBe('allow');
      git('add', '--', 'db/002_drop.sql');
      expect(session.decision('git commit -qm notes')).toBe('allow');
    } finally {
      git('reset', '-q', '--', 'db/002_drop.sql');
      rmSync(session.at('db/002_drop.sql'));
    }
  });

  it('refuses a commit that removes a protected file from the index, left on disk', () => {
    git('rm', '-q', '--cached', '--', 'core/models.py');
    try {
      expect(session.decision('git commit -qm untrack')).toMatch(/^ask .*PATH003.*core\/models\.py/);
    } finally {
      git('reset', '-q', '--', 'core/models.py');
    }
    expect(session.decision('git commit -qm nothing')).toBe('allow');
  });

  it('reads a file name that is not UTF-8 as git holds it: its removal from the index is seen', () => {
    // core/<0xff>.py: git's output decoded as UTF-8 would name another file (U+FFFD), not on
    // disk, so the removal left on disk went unseen.
    const name = Buffer.concat([
      Buffer.from(`${session.at('core')}/`),
      Buffer.from([0xff]),
      Buffer.from('.py'),
    ]);
    writeFileSync(name, 'y = 1\n');
    git('add', '--', 'core');
    git('commit', '-qm', 'a file with a Latin-1 name');
    // `?` matches one byte: that file alone, not core/models.py.
    git('rm', '-q', '--cached', '--', 'core/?.py');
    try {
      expect(session.decision('git commit -qm untrack')).toMatch(/^ask .*PATH003/);
    } finally {
      git('reset', '-q', '--', 'core');
    }
    // Near miss: removed from disk too (judged when it was removed), nothing is left to ask.
    git('rm', '-q', '--', 'core/?.py');
    git('commit', '-qm', 'removed');
    expect(session.decision('git commit -qm nothing')).toBe('allow');
  });

  it('judges staged text past the path rules too: a protected file staged, its disk text restored', () => {
    stageThenOverwrite('core/models.py', 'x = 2\n', 'x = 1\n');
    try {
      // On disk, core/models.py is as committed: nothing the session changed there.
      expect(session.decision('echo y > docs/a.md')).toBe('allow');
      expect(session.decision('git add docs/a.md && git commit -qm docs')).toMatch(
        /^ask .*PATH003.*core\/models\.py/,
      );
    } finally {
      git('reset', '-q', '--', 'core/models.py');
    }
  });
  it('reads the entries git is told not to compare with the disk (assume-unchanged, skip-worktree)', () => {
    for (const bit of ['--assume-unchanged', '--skip-worktree']) {
      stageThenOverwrite('db/002_drop.sql', 'DROP TABLE users;\n', 'CREATE TABLE notes (id int);\n');
      git('update-index', bit, '--', 'db/002_drop.sql');
      try {
        expect(session.decision('git commit -qm x'), bit).toMatch(/^deny .*MIG001.*db\/002_drop\.sql/);
        expect(session.decision('git commit -qam x'), bit).toMatch(/^deny .*MIG001/);
      } finally {
        git('update-index', `--no-${bit.slice(2)}`, '--', 'db/002_drop.sql');
        git('reset', '-q', '--', 'db/002_drop.sql');
        rmSync(session.at('db/002_drop.sql'));
      }
    }
  });
  it('asks when the same command changes the index or HEAD before it commits: the index read is stale', () => {
    expect(session.decision('git reset -q --soft HEAD && git commit -qm x')).toMatch(
      /^ask .*records the index as `git reset` leaves it/,
    );
    expect(session.decision('git read-tree HEAD && git commit -qm x')).toMatch(/^(ask|deny) /);
    // Near miss: adding files first is judged as their writes, and commits what the gate read.
    expect(session.decision('git add docs && git commit -qm docs')).toBe('allow');
    // Nor does a ref written beside it that the commit does not build on (a new branch at HEAD).
    expect(session.decision('git branch topic && git commit -qm docs')).toBe('allow');
  });
  it('near misses in ordinary work: a commit that takes the disk, a removal judged before, a resolved conflict', () => {
    stageThenOverwrite('db/002_drop.sql', 'DROP TABLE users;\n', 'CREATE TABLE notes (id int);\n');
    try {
      // Named paths and -a take the disk's text, which the gate judged.
      expect(session.decision('git commit -qm x -- db/002_drop.sql')).toBe('allow');
      expect(session.decision('git commit -qam x')).toBe('allow');
    } finally {
      git('reset', '-q', '--', 'db/002_drop.sql');
      rmSync(session.at('db/002_drop.sql'));
    }
    // A protected file removed from the index and the disk was judged when it was removed.
    git('rm', '-q', '--', 'core/models.py');
    try {
      expect(session.decision('git commit -qm rm')).toBe('allow');
    } finally {
      git('reset', '-q', '--', 'core/models.py');
      git('checkout', '-q', '--', 'core/models.py');
    }
  });

  it('a conflict resolved with the editing tool is committed with the add that stages it', () => {
    git('checkout', '-q', 'main');
    writeFileSync(session.at('db/002_both.sql'), 'CREATE TABLE a (id int);\n');
    git('add', '--', 'db/002_both.sql');
    git('commit', '-qm', 'main side');
    git('checkout', '-q', 'work');
    writeFileSync(session.at('db/002_both.sql'), 'CREATE TABLE b (id int);\n');
    git('add', '--', 'db/002_both.sql');
    git('commit', '-qm', 'work side');
    expect(() => git('merge', '-q', 'main')).toThrow();
    expect(session.write('db/002_both.sql', 'CREATE TABLE ab (id int);\n')).toMatchObject({ code: 0 });
    writeFileSync(session.at('db/002_both.sql'), 'CREATE TABLE ab (id int);\n');
    expect(session.decision('git add db/002_both.sql && git commit -qm merge')).toBe('allow');
    git('merge', '--abort');
  });
});
