import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// A hook past the agent's timeout (30 s as init writes it) lets the call run. Trimming by a
// regular expression (`/\/+$/`, `/\s+$/`) tries every start in a long run of the character and
// reads the run to its end each time: a word of 100,000 slashes held the hook 13 s, a heredoc
// patch with 100,000 spaces in a line 10 s, two and a half times as many six times as long. Read in one
// pass now, the harmful part of the same command is judged in time.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
migrations:
  sql: ["db/*.sql"]
`,
  'db/001_init.sql': 'CREATE TABLE users (id int);\n',
  'docs/a.md': '# A\n',
});
// Under the shell reader's limit of 262,144 characters a command.
const RUN = 250_000;

describe('slipway hook: long runs of one character in a command', () => {
  it('a copy whose source ends in slashes, before a DROP TABLE written', () => {
    const slow = `cp -r docs${'/'.repeat(RUN)}a /tmp/slipway-x`;
    expect(session.decision(`${slow}; echo 'DROP TABLE users;' > db/002_drop.sql`)).toMatch(/^deny .*MIG001/);
    // Near miss: the copy alone writes outside the repository.
    expect(session.decision(slow)).toBe('allow');
  });

  it("Codex's apply_patch in a heredoc with a long run of spaces in a line", () => {
    const patch = [
      "apply_patch <<'EOF'",
      '*** Begin Patch',
      '*** Add File: db/002_drop.sql',
      '+DROP TABLE users;',
      `+--${' '.repeat(RUN)}x`,
      '*** End Patch',
      'EOF',
    ].join('\n');
    const r = session.hook('codex', {
      session_id: 's-long',
      cwd: session.dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: patch },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/MIG001.*db\/002_drop\.sql/);
  });
});
