import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// SQL Slipway cannot read in a migration the agent writes (MIG030: a DO block that runs EXECUTE
// on a string built as it runs) is an info in CI, and went through the gate unseen: a red team's
// `EXECUTE 'DROP ' || 'TABLE users'` dropped the table when run. At the tool call, where Slipway's
// reading stops a person looks; a statement a PREPARE holds and DROP OWNED are read now.
const session = new AgentSession({
  'slipway.yaml': 'version: 1\nproduction_branch: main\nmigrations:\n  sql: ["db/*.sql"]\n',
  'db/001_init.sql': 'CREATE TABLE users (id int);\n',
});
const answer = (content: string) => {
  const r = session.write('db/002_next.sql', content);
  if (r.code === 2) return `deny ${r.stderr}`;
  const out = r.stdout ? JSON.parse(r.stdout).hookSpecificOutput : undefined;
  return out ? `${out.permissionDecision} ${out.permissionDecisionReason}` : 'allow';
};

describe('the gate on a migration whose SQL Slipway cannot read', () => {
  it('asks about a DO block that runs EXECUTE on a string built as it runs', () => {
    expect(answer("DO $$ BEGIN EXECUTE 'DROP ' || 'TABLE users'; END $$;\n")).toMatch(
      /^ask .*\[MIG030\].*EXECUTE with a string built at run time/,
    );
  });

  it('refuses what a PREPARE holds and DROP OWNED', () => {
    expect(answer('PREPARE p AS DELETE FROM users; EXECUTE p;\n')).toMatch(/^deny .*\[MIG006\]/);
    expect(answer('DROP OWNED BY current_user;\n')).toMatch(/^deny .*\[MIG003\]/);
  });

  it('near misses: a DO block of literal SQL, a bounded prepared statement', () => {
    expect(answer("DO $$ BEGIN EXECUTE 'CREATE TABLE notes (id int)'; END $$;\n")).toBe('allow');
    expect(answer('PREPARE p AS DELETE FROM users WHERE id = $1; EXECUTE p(1);\n')).toBe('allow');
  });
});
