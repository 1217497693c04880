import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// A repository whose `.git` is a file (a clone made with --separate-git-dir, a submodule, a linked
// worktree) keeps its git directory elsewhere: no `.git` segment names it, and where no governed
// repository holds that folder, a Write of its hooks/pre-commit (run by the next `git commit`),
// its config (core.hooksPath, core.fsmonitor) or the gate's own decision log was let through.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
migrations:
  sql: ["db/*.sql"]
`,
  'db/001_init.sql': 'CREATE TABLE users (id int);\n',
});
let outside = '';
let gitDir = '';
beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'slipway-gitdir-'));
  gitDir = join(outside, 'meta');
  // Moves the repository's git directory out and leaves a `.git` file naming it.
  session.repo.git('init', '-q', `--separate-git-dir=${gitDir}`);
});
afterAll(() => rmSync(outside, { recursive: true, force: true }));

const write = (file_path: string, content = '#!/bin/sh\ntouch /tmp/pwned\n') =>
  session.answer(session.claude('Write', { file_path, content }));

describe('slipway hook: the git directory a `.git` file names', () => {
  it('refuses a file tool’s write there: hooks, config, the decision log', () => {
    expect(write(join(gitDir, 'hooks/pre-commit'))).toMatch(
      /^deny .*hooks\/pre-commit is inside the repository's git directory/,
    );
    expect(write(join(gitDir, 'config'), '[core]\n\thooksPath = /tmp\n')).toMatch(/^deny .*git directory/);
    expect(write(join(gitDir, 'slipway/agent-decisions.jsonl'), '')).toMatch(/^deny .*git directory/);
    // Named through the repository's own folder: `.git` is a file there, the path leads nowhere.
    expect(write(join(outside, 'meta/../meta/info/attributes'), '*.sql -diff\n')).toMatch(
      /^deny .*git directory/,
    );
  });

  it('refuses a shell command’s write there', () => {
    expect(session.decision(`printf '#!/bin/sh\\n' > ${gitDir}/hooks/post-checkout`)).toMatch(
      /^deny .*post-checkout.*git directory/,
    );
    // Near miss: reading it is a read.
    expect(session.decision(`cat ${gitDir}/config`)).toBe('allow');
  });

  it('near misses: a folder beside it, the repository’s own files', () => {
    expect(write(join(outside, 'notes/a.md'), 'n\n')).toBe('allow');
    expect(write(session.at('docs/a.md'), 'n\n')).toBe('allow');
  });

  it('refuses a write to a submodule’s git directory in its parent’s .git/modules, the parent ungoverned', () => {
    const parent = join(outside, 'parent');
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'protocol.file.allow=always', ...args], { cwd, stdio: 'pipe' });
    git(outside, 'init', '-q', '-b', 'main', parent);
    git(parent, 'submodule', '-q', 'add', session.dir, 'lib');
    const lib = join(parent, 'lib');
    git(lib, 'checkout', '-qb', 'agent');
    const call = (tool_name: string, tool_input: unknown) =>
      session.answer({ session_id: 's-sub', cwd: lib, hook_event_name: 'PreToolUse', tool_name, tool_input });
    const modules = join(parent, '.git/modules/lib');
    expect(call('Write', { file_path: join(modules, 'hooks/pre-commit'), content: '#!/bin/sh\n' })).toMatch(
      /^deny .*git directory/,
    );
    expect(call('Bash', { command: 'echo x > ../.git/modules/lib/config' })).toMatch(/^deny .*git directory/);
    // Near misses: the parent's own files, which no policy governs.
    expect(call('Bash', { command: 'echo x > ../notes.md' })).toBe('allow');
    expect(call('Write', { file_path: join(parent, 'notes.md'), content: 'n\n' })).toBe('allow');
  });
});
