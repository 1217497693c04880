import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// A folder removed whole is judged by the files under it. Its own path was judged beside them,
// and `docs` is not under `allowed: [docs/]`: `rm -rf docs`, an agent clearing its own folder,
// was refused as a change outside the agent's folders (PATH002), by every way of removing it.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
agents:
  allowed: [docs/, db/]
migrations:
  sql: ["db/*.sql"]
`,
  'docs/a.md': '# A\n',
  'docs/guide/b.md': '# B\n',
  'core/models.py': 'x = 1\n',
  'db/001_init.sql': 'CREATE TABLE users (id int);\n',
  'scratch/002.sql': 'DROP TABLE users;\n',
});
beforeAll(() => mkdirSync(session.at('empty'), { recursive: true }));
const decision = (command: string) => session.decision(command);

const cursorDelete = (rel: string): string => session.cursorDelete(rel);

describe('slipway hook: a folder the agent may change, removed whole', () => {
  it('is let through however it is removed', () => {
    for (const command of [
      'rm -rf docs',
      'rm -rf docs/',
      'rm -r ./docs',
      'mv docs /tmp/x',
      'find docs -delete',
    ])
      expect(decision(command), command).toBe('allow');
    expect(cursorDelete('docs')).toBe('allow');
  });

  it('near misses: a folder outside the allow-list is refused by its files, an empty one by its path', () => {
    expect(decision('rm -rf core')).toMatch(/^deny .*\[PATH002\] core\/models\.py/);
    expect(decision('mv core /tmp/x')).toMatch(/^deny .*\[PATH002\] core\/models\.py/);
    expect(decision('find core -delete')).toMatch(/^deny .*\[PATH002\] core\/models\.py/);
    expect(cursorDelete('core')).toMatch(/^deny .*\[PATH002\] core\/models\.py/);
    expect(decision('rm -rf empty')).toMatch(/^deny .*\[PATH002\] empty/);
    expect(cursorDelete('empty')).toMatch(/^deny .*\[PATH002\] empty/);
  });

  it('judged by its files, the folder is still gone for the next step of the command', () => {
    // scratch becomes the new db: its DROP TABLE lands as db/002.sql.
    expect(decision('rm -rf db && mv scratch db')).toMatch(/^deny .*MIG001\] db\/002\.sql/);
    expect(decision('find db -delete && mv scratch db')).toMatch(/^deny .*MIG001\] db\/002\.sql/);
  });
});
