import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// A repository made inside a governed one has no policy of its own: calls made from it were let
// through whole ("nothing to judge the call by"), writes into the enclosing repository's files
// too. The nearest enclosing repository with a policy governs, and a file tool's call is judged by
// the repository of the file it writes.
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
  'db/001_init.sql': 'CREATE TABLE users (id int);\n',
  'docs/a.md': '# A\n',
});
const from = (cwd: string, tool_name: string, tool_input: unknown) =>
  session.answer({ session_id: 's-nested', cwd, hook_event_name: 'PreToolUse', tool_name, tool_input });

describe('slipway hook: a repository nested in a governed one', () => {
  it('judges calls made from inside it by the enclosing repository’s policy', () => {
    session.repo.git('init', '-q', 'docs/sub');
    const inner = session.at('docs/sub');
    expect(
      from(inner, 'Write', { file_path: session.at('db/003_drop.sql'), content: 'DROP TABLE users;\n' }),
    ).toMatch(/^deny .*MIG001/);
    expect(from(inner, 'Bash', { command: "cd ../.. && printf 'x = 9\\n' > core/models.py" })).toMatch(
      /^ask .*PATH003.*core\/models\.py/,
    );
    // Near misses: the nested repository's own notes, and a read.
    expect(from(inner, 'Write', { file_path: `${inner}/notes.md`, content: 'n\n' })).toBe('allow');
    expect(from(inner, 'Bash', { command: 'ls ../..' })).toBe('allow');
  });

  it("judges a file tool's write by the file's repository, whatever the session's directory", () => {
    // The session in the nested repository's folder, the file in the governed one: and the reverse.
    expect(
      from(session.at('docs/sub'), 'Edit', {
        file_path: session.at('core/models.py'),
        old_string: 'x = 1',
        new_string: 'x = 2',
      }),
    ).toMatch(/^ask .*PATH003/);
    expect(from(session.dir, 'Write', { file_path: session.at('docs/sub/core.md'), content: 'c\n' })).toBe(
      'allow',
    );
  });

  it('judges a write through a link made outside the repository by the repository it reaches', () => {
    // `ln -s "$PWD" /tmp/r`, then a Write under a folder the repository does not have yet: the
    // gate once looked for a policy beside the link, found none and let the write through.
    const outside = mkdtempSync(join(tmpdir(), 'slipway-link-'));
    try {
      symlinkSync(session.dir, join(outside, 'r'));
      const via = (rel: string) =>
        from(outside, 'Write', { file_path: join(outside, 'r', rel), content: 'x\n' });
      expect(via('core/new/deep.py')).toMatch(/^ask .*PATH003.*core\/new\/deep\.py/);
      expect(via('.github/workflows/x.yml')).toMatch(/^deny .*PATH004.*\.github\/workflows\/x\.yml/);
      // Near misses: a file the policy leaves alone, through the same link; a folder outside any repository.
      expect(via('notes/new/a.md')).toBe('allow');
      expect(from(outside, 'Write', { file_path: join(outside, 'plain/a.md'), content: 'x\n' })).toBe(
        'allow',
      );
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
