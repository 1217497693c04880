import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// A restore (`git checkout -- path`, `git restore path`, from a commit with `<commit> --` or
// `--source`) writes files whose text git already holds: the gate reads that text (the index's,
// or the commit's) and the rules judge it, so that discarding one's own changes in a repository
// with SQL migrations is not refused for a text it could not read, and restoring a migration that
// drops a table still is.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
migrations:
  sql: ["db/*.sql"]
`,
  'db/001_init.sql': 'CREATE TABLE users (id int, mail text);\n',
  'db/002_notes.sql': 'CREATE TABLE notes (id int);\n',
  'docs/a.md': '# A\n',
});
const decision = (command: string) => session.decision(command);

describe('slipway hook: restores are judged by the text they write back', () => {
  it('discarding changes to migrations (from the index) passes: the text written back is the branch’s own', () => {
    // The agent's edits on disk, not staged: the restore puts the index's text back.
    writeFileSync(session.at('db/002_notes.sql'), 'DROP TABLE users;\n');
    writeFileSync(session.at('docs/a.md'), '# A, edited\n');
    for (const command of [
      'git checkout -- .',
      'git checkout -- db',
      'git checkout -- db/002_notes.sql',
      'git restore .',
      'git restore db/002_notes.sql',
      'git restore --worktree -- db',
    ])
      expect([command, decision(command)]).toEqual([command, 'allow']);
  });

  it('near miss: a restore from an index that holds a dropped table is refused by the rule, with its finding', () => {
    // Staged with the drop, then made harmless on disk: the restore writes the index's text back.
    session.repo.write({ 'db/003_drop.sql': 'DROP TABLE notes;\n' });
    session.repo.git('add', 'db/003_drop.sql');
    session.repo.write({ 'db/003_drop.sql': 'SELECT 1;\n' });
    try {
      expect(decision('git checkout -- db')).toMatch(/^deny .*MIG001\] db\/003_drop\.sql/);
      expect(decision('git restore db/003_drop.sql')).toMatch(/^deny .*MIG001\] db\/003_drop\.sql/);
    } finally {
      session.repo.git('rm', '-qf', 'db/003_drop.sql');
    }
  });

  it('from a commit: its text is judged (a dropped table refused by MIG001), the branch’s own passes', () => {
    const { repo } = session;
    repo.git('checkout', '-qb', 'drops');
    repo.write({ 'db/003_drop.sql': 'DROP TABLE notes;\n' });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'drop');
    repo.git('checkout', '-q', 'work');
    expect(decision('git checkout drops -- db')).toMatch(/^deny .*MIG001\] db\/003_drop\.sql/);
    expect(decision('git restore --source=drops db')).toMatch(/^deny .*MIG001\] db\/003_drop\.sql/);
    // Near miss: the production branch's migrations, the same as this branch's.
    expect(decision('git checkout main -- db')).toBe('allow');
    expect(decision('git restore -s main db/001_init.sql')).toBe('allow');
  });

  it('red team: what a restore reads must be what git writes', () => {
    const { repo } = session;
    // The index changed earlier in the same command: the reading before it is stale.
    const elsewhere = mkdtempSync(join(tmpdir(), 'slipway-elsewhere-'));
    try {
      mkdirSync(join(elsewhere, 'db'));
      expect(
        decision(
          `printf 'version: 1\\n' > ${elsewhere}/slipway.yaml && git --work-tree=${elsewhere} add slipway.yaml && git checkout -- slipway.yaml`,
        ),
      ).toMatch(/^(ask|deny) /);
      expect(
        decision(
          `echo 'DROP TABLE users;' > ${elsewhere}/db/009.sql && git --work-tree=${elsewhere} add db/009.sql && git restore db`,
        ),
      ).toMatch(/^(ask|deny) /);
      // Staging from elsewhere at all: text the gate never saw as a write, which a commit records.
      expect(decision(`git --work-tree=${elsewhere} add slipway.yaml`)).toMatch(/^ask .*--work-tree/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    // `--staged --worktree` without a source takes HEAD's text, not the index's.
    repo.write({ 'db/004_drop.sql': 'DROP TABLE users;\n' });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'a drop on the branch');
    repo.write({ 'db/004_drop.sql': 'SELECT 1;\n' });
    repo.git('add', '-A');
    for (const command of [
      'git restore --staged --worktree db/004_drop.sql',
      'git restore -SW db',
      'git restore -WS db',
    ])
      expect([command, decision(command)]).toEqual([
        command,
        expect.stringMatching(/^deny .*MIG001\] db\/004_drop\.sql/),
      ]);
    // A merge's sides: not the index's text.
    for (const command of [
      'git checkout -m -- db/004_drop.sql',
      'git restore --merge db',
      'git checkout --ours -- db',
    ])
      expect([command, decision(command)]).toEqual([
        command,
        expect.stringMatching(/^(ask|deny) .*merge's sides/),
      ]);
    repo.git('rm', '-qf', 'db/004_drop.sql');
    repo.git('commit', '-qm', 'drop removed');
    // A link in the commit: what it points to is not the blob's text.
    repo.git('checkout', '-qb', 'links');
    repo.write({ 'notes/drop.sql': 'DROP TABLE users;\n' });
    symlinkSync('../notes/drop.sql', session.at('db/005.sql'));
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'a link');
    repo.git('checkout', '-q', 'work');
    expect(decision('git checkout links -- db')).toMatch(/^(ask|deny) .*db\/005\.sql/);
  });

  it('a file git rewrites on checkout (ident, a filter) lands otherwise than its blob: its text is unknown', () => {
    const { repo } = session;
    // In the blob `$Id$ … $Id$` is a dollar-quoted string; checked out under `ident` the tags
    // become `$Id: <sha> $`, no longer a quote, and the DROP TABLE between them runs.
    repo.git('checkout', '-qb', 'ident');
    repo.write({
      '.gitattributes': 'db/*.sql ident\n',
      'db/006_quote.sql': 'SELECT $Id$; DROP TABLE users; $Id$;\n',
    });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'a quoted drop');
    repo.git('checkout', '-q', 'work');
    try {
      // The restore brings its .gitattributes: no text is taken for it either.
      expect(decision('git checkout ident -- .')).toMatch(/^deny .*\[GATE\] db\/006_quote\.sql/);
      // The attribute already in the work tree.
      writeFileSync(session.at('.gitattributes'), 'db/*.sql ident\n');
      expect(decision('git checkout ident -- db')).toMatch(/^deny .*\[GATE\] db\/006_quote\.sql/);
      // Near miss: without the attribute, the blob's text is what lands, and it passes.
      rmSync(session.at('.gitattributes'));
      expect(decision('git checkout ident -- db')).toBe('allow');
    } finally {
      rmSync(session.at('.gitattributes'), { force: true });
    }
  });

  it('near miss: a clean tree under core.autocrlf (CRLF on disk, LF in git) restores nothing, and passes', () => {
    const { repo } = session;
    repo.git('config', 'core.autocrlf', 'true');
    try {
      for (const f of ['slipway.yaml', 'db/001_init.sql']) rmSync(session.at(f));
      repo.git('checkout', '--', '.');
      expect(decision('git checkout -- .')).toBe('allow');
    } finally {
      repo.git('config', '--unset', 'core.autocrlf');
    }
  });
});
