import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// Gemini CLI's replace, judged by every text Gemini may write (packages/core/src/tools/edit.ts,
// calculateEdit; agents/README.md, "Gemini CLI"): an empty old_string creates the file with
// new_string; an escaped new_string may be written unescaped (releases whose replace corrects
// escaping); an edit Gemini fails goes to a model that rewrites it, whose text the gate cannot know.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
agents:
  allowed: [docs/, db/]
migrations:
  sql: ["db/*.sql"]
`,
  'docs/guide.md': '# Guide\n',
  'db/001_init.sql': 'CREATE TABLE users (id int);\n',
});

/** Gemini's decision on a replace, as one line: `deny <reason>` (exit 2) or `allow` (`{}`). */
const replace = (rel: string, old_string: string, new_string: string, asWritten = false): string => {
  const r = session.hook('gemini', {
    session_id: 's-gemini',
    cwd: session.dir,
    hook_event_name: 'BeforeTool',
    tool_name: 'replace',
    tool_input: {
      file_path: asWritten ? rel : session.at(rel),
      old_string,
      new_string,
      instruction: 'Edit it',
    },
  });
  return r.code === 2 ? `deny ${r.stderr}` : r.stdout.trim() === '{}' ? 'allow' : `? ${r.code} ${r.stdout}`;
};

describe('slipway hook gemini: replace', () => {
  it('an empty old_string creates the file, judged by its text: a migration that drops a table is refused, docs pass', () => {
    expect(replace('db/002_drop.sql', '', 'DROP TABLE users;\n')).toMatch(
      /^deny .*MIG001.*db\/002_drop\.sql/,
    );
    expect(replace('docs/notes.md', '', '# Notes\n')).toBe('allow');
    // Near miss: a migration that only adds passes, so the refusal above is MIG001's.
    expect(replace('db/002_add.sql', '', 'CREATE TABLE orders (id int);\n')).toBe('allow');
  });

  it('an empty old_string on an existing file (Gemini fails the edit): text unknown, refused only where a rule reads it', () => {
    expect(replace('db/001_init.sql', '', 'CREATE TABLE t (id int);\n')).toMatch(
      /^deny .*`replace` writes db\/001_init\.sql, whose text the policy's rules read/,
    );
    expect(replace('docs/guide.md', '', '# Other\n')).toBe('allow');
  });

  it('an escaped new_string is judged unescaped too', () => {
    writeFileSync(session.at('db/003_note.sql'), '-- note\nCREATE TABLE t (id int);\n');
    expect(replace('db/003_note.sql', '-- note', '-- note\\nDROP TABLE users;')).toMatch(/^deny .*MIG001/);
    // Near misses: no escape; the same words kept on the comment's line.
    expect(replace('db/003_note.sql', '-- note', '-- note: see DROP TABLE users;')).toBe('allow');
    expect(replace('db/003_note.sql', '-- note', '-- note\nCREATE TABLE o (id int);')).toBe('allow');
  });

  it('old_string equal to new_string (Gemini hands it to a model that rewrites the edit): text unknown', () => {
    expect(replace('db/003_note.sql', '-- note', '-- note')).toMatch(
      /^deny .*`replace` writes db\/003_note\.sql, whose text the policy's rules read/,
    );
    expect(replace('docs/guide.md', '# Guide', '# Guide')).toBe('allow');
  });

  it('a relative path not found where it points is judged at each file of that name Gemini may edit instead', () => {
    // Gemini looks through the workspace for `001_init.sql` and edits db/001_init.sql.
    expect(replace('001_init.sql', 'CREATE TABLE users (id int);', 'DROP TABLE users;', true)).toMatch(
      /^deny .*MIG001.*db\/001_init\.sql/,
    );
    // Near misses: a path found where it points is edited there alone; another name finds nothing.
    expect(replace('docs/guide.md', '# Guide', '# Guide\n\nDROP TABLE users;', true)).toBe('allow');
    expect(replace('docs/none.md', 'CREATE TABLE users (id int);', 'DROP TABLE users;', true)).toBe('allow');
  });
});
