import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// Gemini CLI's write_file takes an escape in the model's text for the model's mistake and may
// write it unescaped (packages/core/src/utils/editCorrector.ts): a comment `-- note\nDROP TABLE
// users;` with a backslash and an n is one harmless line as given, and a live DROP TABLE as
// written. Both texts are judged now, the strictest answer given.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
migrations:
  sql: ["db/*.sql"]
`,
  'db/001_init.sql': 'CREATE TABLE users (id int);\n',
});

/** Gemini's decision on a write_file, as one line: `deny <reason>` (exit 2) or `allow` (`{}`). */
const writeFile = (rel: string, content: string): string => {
  const r = session.hook('gemini', {
    session_id: 's-gemini',
    cwd: session.dir,
    hook_event_name: 'BeforeTool',
    tool_name: 'write_file',
    tool_input: { file_path: session.at(rel), content },
  });
  return r.code === 2 ? `deny ${r.stderr}` : r.stdout.trim() === '{}' ? 'allow' : `? ${r.code} ${r.stdout}`;
};

describe('slipway hook gemini: write_file', () => {
  it('judges the text as Gemini may unescape it too', () => {
    expect(writeFile('db/002_note.sql', '-- note\\nDROP TABLE users;\n')).toMatch(
      /^deny .*MIG001.*db\/002_note\.sql/,
    );
    // Gemini's own expression: a run of backslashes before the escaped character is one escape.
    expect(writeFile('db/002_note.sql', '/* note */ SELECT 1; -- done\\\\nDROP TABLE users;\n')).toMatch(
      /^deny .*MIG001/,
    );
  });

  it('near misses: the same text in a JSON file, which Gemini writes as given; no escape at all', () => {
    expect(writeFile('db/002_note.json', '-- note\\nDROP TABLE users;\n')).toBe('allow');
    expect(writeFile('db/002_ok.sql', '-- note\nSELECT 1;\n')).toBe('allow');
    expect(writeFile('db/002_ok.sql', "-- it\\'s\nSELECT 1;\n")).toBe('allow');
  });
});
