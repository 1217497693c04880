import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// Claude Code's Edit with an empty old_string creates the file with new_string (or fills one
// holding only whitespace), and Claude refuses it itself on a file with text, before the hook
// runs (FileEditTool validateInput; agents/README.md, "Claude Code"). The gate judges the text it
// creates, as it judges a Write.
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

const edit = (rel: string, new_string: string) =>
  session.answer(session.claude('Edit', { file_path: session.at(rel), old_string: '', new_string }));

describe('slipway hook claude: Edit with an empty old_string', () => {
  it('judges the file it creates by its text: a migration that drops a table is refused, docs pass', () => {
    expect(edit('db/002_drop.sql', 'DROP TABLE users;\n')).toMatch(/^deny .*\[MIG001\] db\/002_drop\.sql/);
    expect(edit('docs/notes.md', '# Notes\n')).toBe('allow');
    // Near miss: a migration that only adds is let through, so the refusal above is MIG001's.
    expect(edit('db/002_add.sql', 'CREATE TABLE orders (id int);\n')).toBe('allow');
  });

  it('a file holding only whitespace is replaced by the new text, judged as such', () => {
    writeFileSync(session.at('db/003_blank.sql'), '\n  \n');
    expect(edit('db/003_blank.sql', 'DROP TABLE users;\n')).toMatch(/^deny .*\[MIG001\] db\/003_blank\.sql/);
    expect(edit('db/003_blank.sql', 'CREATE TABLE t (id int);\n')).toBe('allow');
  });

  it('on a file with text (Claude fails the edit) its text is unknown: refused where a rule reads it, not elsewhere', () => {
    expect(edit('db/001_init.sql', 'CREATE TABLE t (id int);\n')).toMatch(
      /^deny .*`Edit` writes db\/001_init\.sql, whose text the policy's rules read/,
    );
    expect(edit('docs/guide.md', '# Other\n')).toBe('allow');
  });
});
