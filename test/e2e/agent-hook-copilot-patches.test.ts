import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// Copilot's apply_patch (GPT-5 models; toolArgs the raw patch text: agents/README.md, "GitHub
// Copilot"), read by the same patch reader as Codex's and judged file by file.
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

/** Copilot's answer to one apply_patch: `deny <reason>` or `allow` (exit 0 either way). */
const applyPatch = (toolArgs: string): string => {
  const r = session.hook('copilot', { timestamp: 1, cwd: session.dir, toolName: 'apply_patch', toolArgs });
  if (r.code !== 0) return `? exit ${r.code} ${r.stderr}`;
  if (r.stdout === '') return 'allow';
  const out = JSON.parse(r.stdout) as { permissionDecision: string; permissionDecisionReason: string };
  return `${out.permissionDecision} ${out.permissionDecisionReason}`;
};
const patch = (...lines: string[]) => ['*** Begin Patch', ...lines, '*** End Patch', ''].join('\n');

describe('slipway hook copilot: apply_patch', () => {
  it('judges each file by its text: a migration added that drops a table is refused, docs pass', () => {
    expect(applyPatch(patch('*** Add File: db/002_drop.sql', '+DROP TABLE users;'))).toMatch(
      /^deny .*\[MIG001\] db\/002_drop\.sql/,
    );
    expect(applyPatch(patch('*** Add File: docs/notes.md', '+# Notes'))).toBe('allow');
    // An absolute path, as Copilot may write one, and a docs file beside the migration.
    expect(
      applyPatch(
        patch(
          `*** Add File: ${session.at('docs/a.md')}`,
          '+a',
          '*** Add File: db/002_drop.sql',
          '+DROP TABLE users;',
        ),
      ),
    ).toMatch(/^deny .*\[MIG001\] db\/002_drop\.sql/);
  });

  it('an update is judged by the text it leaves (near miss: a hunk that adds a table passes)', () => {
    writeFileSync(session.at('db/002_x.sql'), 'SELECT 1;\n');
    const update = (line: string) =>
      applyPatch(patch('*** Update File: db/002_x.sql', '@@', '-SELECT 1;', `+${line}`));
    expect(update('DROP TABLE users;')).toMatch(/^deny .*\[MIG001\] db\/002_x\.sql/);
    expect(update('CREATE TABLE t (id int);')).toBe('allow');
  });

  it('a patch wrapped in JSON, which Copilot refuses too, is refused unread', () => {
    expect(applyPatch(JSON.stringify({ input: patch('*** Add File: docs/b.md', '+b') }))).toMatch(
      /^deny .*the apply_patch patch cannot be read/,
    );
  });
});
