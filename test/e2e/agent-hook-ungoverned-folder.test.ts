import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';
import { slipway } from '../helpers/cli.js';

// A patch whose first file lies in a folder no repository holds (/tmp/notes.txt, a home folder)
// is judged there first: no policy, nothing refused. Outside git, the gate's listing of a folder
// is a walk of every file under it, and it was started before the policy was looked for: each
// such tool call walked all of /tmp (or $HOME) on the gate's thread, tens of seconds on a
// machine with a full /tmp. The folders the gate lists are measured, not assumed: a preload in
// the CLI's process logs every fs.readdirSync below the watched folder.
const work = mkdtempSync(join(tmpdir(), 'slipway-ungoverned-'));
const watched = join(work, 'elsewhere');
mkdirSync(join(watched, 'deep/er'), { recursive: true });
writeFileSync(join(watched, 'deep/er/file.txt'), 'x\n');
const log = join(work, 'listed.log');
const preload = join(work, 'count-listings.cjs');
writeFileSync(
  preload,
  `const fs = require('node:fs');
const real = fs.readdirSync;
fs.readdirSync = function (path, ...rest) {
  if (String(path).startsWith(${JSON.stringify(watched)})) fs.appendFileSync(${JSON.stringify(log)}, String(path) + '\\n');
  return real.call(this, path, ...rest);
};
`,
);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const session = new AgentSession(
  {
    'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n',
    'db/001_init.sql': 'CREATE TABLE users (id int);\n',
  },
  { process: true },
);

/** Codex's apply_patch of `body` from the session's repository, and the folders it listed. */
function patch(body: string): { code: number; listed: string[] } {
  writeFileSync(log, '');
  const r = slipway(['hook', 'codex'], {
    cwd: session.dir,
    env: { NODE_OPTIONS: `--require ${preload}` },
    input: JSON.stringify({
      session_id: 's-u',
      cwd: session.dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'apply_patch',
      tool_input: { command: `*** Begin Patch\n${body}*** End Patch` },
    }),
  });
  return { code: r.code, listed: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

describe('slipway hook: a write to a folder outside any repository', () => {
  const notes = `*** Add File: ${join(watched, 'notes.txt')}\n+x\n`;

  it('is judged without listing that folder; the repository part of the patch is still refused', () => {
    expect(patch(`${notes}*** Add File: db/002.sql\n+DROP TABLE users;\n`)).toEqual({ code: 2, listed: [] });
    expect(patch(`${notes}*** Add File: db/002.sql\n+CREATE TABLE t (id int);\n`)).toEqual({
      code: 0,
      listed: [],
    });
  });

  it('near miss: a folder outside git with a policy of its own is listed, its files judged', () => {
    writeFileSync(join(watched, 'slipway.yaml'), 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n');
    try {
      const r = patch(`*** Add File: ${join(watched, 'db/9.sql')}\n+DROP TABLE users;\n`);
      expect(r.code).toBe(2);
      expect(r.listed).toContain(join(watched, 'deep/er'));
    } finally {
      rmSync(join(watched, 'slipway.yaml'));
    }
  });
});
