import { writeFileSync } from 'node:fs';
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
const decision = (command: string) => {
  const r = session.hook('claude', session.claude('Bash', { command }));
  if (r.code === 2) return `deny ${r.stderr}`;
  const out = r.stdout ? JSON.parse(r.stdout).hookSpecificOutput : undefined;
  return out ? `${out.permissionDecision} ${out.permissionDecisionReason}` : 'allow';
};

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
});
