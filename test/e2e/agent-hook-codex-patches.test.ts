import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// Codex's apply_patch, judged by the text Codex leaves in the file.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
migrations:
  sql: ["db/*.sql"]
`,
  'db/001_init.sql': 'CREATE TABLE users (id int);\n',
});

/** Codex's decision on one apply_patch, as one line: `deny <reason>` (exit 2) or `allow`. */
const applyPatch = (...lines: string[]): string => {
  const command = ['*** Begin Patch', ...lines, '*** End Patch'].join('\n');
  const r = session.hook('codex', {
    session_id: 's-patch',
    cwd: session.dir,
    hook_event_name: 'PreToolUse',
    tool_name: 'apply_patch',
    tool_input: { command },
  });
  return r.code === 2
    ? `deny ${r.stderr}`
    : r.stdout === '' && r.code === 0
      ? 'allow'
      : `? ${r.code} ${r.stdout}`;
};

describe('slipway hook codex: apply_patch', () => {
  it('reads a patch with long runs of spaces in one pass, before the agent stops waiting', () => {
    // Trimmed by a regular expression, a line of 150,000 spaces before an `x` held the hook a
    // minute: past the hook's timeout (30 s as init writes it) Codex runs the call anyway.
    const spaces = ' '.repeat(300_000);
    expect(applyPatch('*** Add File: db/002_drop.sql', '+DROP TABLE users;', `+--${spaces}x`)).toMatch(
      /^deny .*MIG001.*db\/002_drop\.sql/,
    );
    // Near miss: the same spaces in a harmless migration.
    expect(applyPatch('*** Add File: db/002_add.sql', '+CREATE TABLE t (id int);', `+--${spaces}x`)).toBe(
      'allow',
    );
  });

  it('judges a hunk where Codex puts it: after its @@ line, at an exact match before a looser one', () => {
    // The session's own new migration, a statement in a comment and the same one live.
    writeFileSync(session.at('db/002_x.sql'), '/*\nSELECT 1; \n*/\nSELECT 1;\n');
    const drop = (...head: string[]) =>
      applyPatch('*** Update File: db/002_x.sql', ...head, '-SELECT 1;', '+DROP TABLE users;');
    // Read from the top, both hunks replaced the commented line and were let through.
    expect(drop('@@ */')).toMatch(/^deny .*MIG001.*db\/002_x\.sql/);
    expect(drop('@@')).toMatch(/^deny .*MIG001.*db\/002_x\.sql/);
    // Near miss: anchored at the comment's start, Codex replaces the line in the comment.
    writeFileSync(session.at('db/002_x.sql'), '/*\nSELECT 1;\n*/\nSELECT 1;\n');
    expect(drop('@@ /*')).toBe('allow');
  });
});
