import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';
import { slipway } from '../helpers/cli.js';

// xargs runs a writer on names it reads, which the command does not show. The gate asked about
// it in a governed folder, and from a folder no policy governs let it through unless its words
// named a governed repository: `find . | xargs rm -f` from the folder holding a clone, and
// `xargs git rm` anywhere, wrote unjudged. Now the folder it runs in (and each word it names, the
// folder before a replace string) is written whole, judged by the repository there. And a
// session's own project (the agent names it) asks about it wherever it runs: `cat list | xargs rm`
// from /tmp, the list naming the policy file by its absolute path, went through.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths:
    - core/
`,
  'core/models.py': 'x = 1\n',
  'docs/a.md': 'a\n',
});
const outside = mkdtempSync(join(tmpdir(), 'slipway-xargs-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));
const shell = (cwd: string, command: string) =>
  session.answer({
    session_id: 's-x',
    cwd,
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command },
  });

describe('slipway hook: a writer fed by xargs', () => {
  it('is judged where it runs, from a folder no policy governs', () => {
    const at = session.dir;
    expect(shell(outside, `cd ${at} && ls | xargs rm`)).toMatch(/^deny .*PATH004.*slipway\.yaml/);
    expect(shell(outside, `cd ${at} && find . | xargs rm -f`)).toMatch(/^deny .*PATH004/);
    expect(shell(outside, `cd ${at} && printf 'x\\0' | xargs -0 rm`)).toMatch(/^deny .*PATH004/);
    expect(shell(outside, `ls ${at}/core | xargs -I{} rm ${at}/core/{}`)).toMatch(/^ask .*PATH003/);
    // A folder holding a clone of the repository: what xargs removes there may be its files.
    const holder = join(outside, 'holder');
    session.repo.git('clone', '-q', at, join(holder, 'clone'));
    try {
      expect(shell(holder, 'find . | xargs rm -f')).toMatch(/^deny .*PATH004/);
    } finally {
      rmSync(holder, { recursive: true, force: true });
    }
    // Near miss: a folder that holds no repository.
    mkdirSync(join(outside, 'empty'));
    expect(shell(join(outside, 'empty'), 'ls | xargs rm')).toBe('allow');
    // What xargs reads may come from elsewhere in the command: a governed repository named there
    // judges it, wherever the command runs.
    expect(shell(join(outside, 'empty'), `echo ${at}/slipway.yaml | xargs rm`)).toMatch(
      /^ask .*xargs runs rm/,
    );
    expect(shell(join(outside, 'empty'), `ls ${at}/core | xargs rm`)).toMatch(/^ask .*xargs runs rm/);
    // Near miss: the names it reads come from a folder no policy governs.
    expect(shell(join(outside, 'empty'), `ls ${outside}/empty | xargs rm`)).toBe('allow');
  });

  it('is judged in the repository, git rm and its own words too', () => {
    expect(shell(session.dir, 'ls | xargs rm')).toMatch(/^deny .*PATH004/);
    expect(shell(session.dir, 'git ls-files | xargs git rm -q')).toMatch(/^deny .*PATH004/);
    expect(shell(session.dir, 'echo | xargs rm slipway.yaml')).toMatch(/^deny .*PATH004/);
    // Near misses: a folder without protected files is asked about as before; readers.
    expect(shell(session.dir, 'cd docs && ls | xargs rm')).toMatch(/^ask .*xargs runs rm/);
    expect(shell(session.dir, 'ls | xargs grep -l x')).toBe('allow');
    expect(shell(session.dir, 'git ls-files | xargs git log --oneline')).toBe('allow');
  });

  it("is asked by the session's own project, wherever the command runs", () => {
    const empty = join(outside, 'project-empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'list'), `${session.at('slipway.yaml')}\n`);
    const claude = (command: string, project?: string) => {
      const r = slipway(['hook', 'claude'], {
        cwd: empty,
        env: { CLAUDE_PROJECT_DIR: project },
        input: JSON.stringify({
          session_id: 's-p',
          cwd: empty,
          hook_event_name: 'PreToolUse',
          tool_name: 'Bash',
          tool_input: { command },
        }),
      });
      return r.stdout ? JSON.parse(r.stdout).hookSpecificOutput.permissionDecision : `exit ${r.code}`;
    };
    expect(claude('cat list | xargs rm', session.dir)).toBe('ask');
    expect(claude('python3 clean.py', session.dir)).toBe('ask');
    // Cursor names the session's folders in its input.
    const cursor = slipway(['hook', 'cursor'], {
      cwd: empty,
      input: JSON.stringify({
        hook_event_name: 'beforeShellExecution',
        command: 'cat list | xargs rm',
        cwd: empty,
        workspace_roots: [session.dir],
      }),
    });
    expect(JSON.parse(cursor.stdout).permission).toBe('ask');
    // Near misses: no project named (nothing governs where it runs), a project no policy governs,
    // and a command Slipway follows whole.
    expect(claude('cat list | xargs rm')).toBe('exit 0');
    expect(claude('cat list | xargs rm', outside)).toBe('exit 0');
    expect(claude('echo x > notes.txt', session.dir)).toBe('exit 0');
  });
});
