import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// `find . -name '*.log' -delete` removes the files its name tests match, not the whole tree: it
// was refused for the policy file, which '*.log' cannot match. A find whose expression the gate
// does not read plainly is still judged as removing everything under its root; `find -L root`
// lost its root (the words before it were taken for the expression). Its tests were asked of the
// session repository's own git directory only (a nested repository's `.git/HEAD` went through), and
// of the first 10,001 files on disk only (a protected file further on went through unjudged).
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths:
    - core/
`,
  'core/models.py': 'x = 1\n',
  'logs/app.log': 'x\n',
  'docs/a.md': 'a\n',
});
const outside = mkdtempSync(join(tmpdir(), 'slipway-find-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));
const decision = (command: string) => session.decision(command);

describe('slipway hook: find -delete', () => {
  it('removes the files its name tests match', () => {
    expect(decision("find . -name '*.log' -delete")).toBe('allow');
    expect(decision("find . -type f -iname '*.LOG' -print -delete")).toBe('allow');
    expect(decision("find logs docs -path 'logs/*' -delete")).toBe('allow');
    // Near misses: a protected file its tests match, the git directory's files.
    expect(decision("find . -name '*.yaml' -delete")).toMatch(/^deny .*PATH004.*slipway\.yaml/);
    expect(decision("find . -iname 'SLIPWAY.*' -delete")).toMatch(/^deny .*PATH004/);
    expect(decision("find . -path './core/*' -delete")).toMatch(/^ask .*PATH003.*core\/models\.py/);
    expect(decision("find . -name '*.py' -name 'mod*' -delete")).toMatch(/^ask .*PATH003/);
    expect(decision('find . -name HEAD -delete')).toMatch(/^deny .*git directory/);
  });

  it('is judged as before where its expression is not read plainly', () => {
    expect(decision("find . -delete -name '*.log'")).toMatch(/^deny .*PATH004/);
    expect(decision("find . -name '*.log' -o -name x -delete")).toMatch(/^deny .*PATH004/);
    expect(decision("find . -name '[a-z]*.log' -delete")).toMatch(/^deny .*PATH004/);
    expect(decision("find -L . -name '*.log' -delete")).toMatch(/^deny .*PATH004/);
    expect(decision("find . -newer x -name '*.log' -delete")).toMatch(/^deny .*PATH004/);
  });

  it('reads its root after -H, -L, -P, -D and -O', () => {
    const shell = (command: string) =>
      session.answer({
        session_id: 's-f',
        cwd: outside,
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: { command },
      });
    expect(shell(`find -L ${session.dir} -delete`)).toMatch(/^deny .*PATH004/);
    expect(shell(`find -P -O2 ${session.dir} -delete`)).toMatch(/^deny .*PATH004/);
    // Near miss: the folder it runs in, which holds no repository.
    expect(shell('find -L . -delete')).toBe('allow');
  });

  it("reaches a nested repository's git directory too", () => {
    session.repo.git('init', '-q', 'vendor/n');
    try {
      expect(decision('find vendor -name HEAD -delete')).toMatch(/^deny .*git directory/);
      expect(decision("find . -name 'pre-commit*' -delete")).toMatch(/^deny .*git directory/);
      // Near miss: tests no file of it matches.
      expect(decision("find vendor -name '*.log' -delete")).toBe('allow');
    } finally {
      rmSync(session.at('vendor'), { recursive: true, force: true });
    }
  });

  it('matches its tests against every file of a big tree, not the first ten thousand', () => {
    // A folder's own files are listed before its subfolders: with more than the old bound at the
    // top, core/ came after the end of the listing.
    const many = Array.from({ length: 10_050 }, (_, j) => session.at(`f${j}.txt`));
    for (const f of many) writeFileSync(f, '');
    try {
      expect(decision('find . -name models.py -delete')).toMatch(/^ask .*PATH003.*core\/models\.py/);
      // Near miss: a name no protected file has.
      expect(decision("find . -name '*.pyc' -delete")).toBe('allow');
    } finally {
      for (const f of many) rmSync(f);
    }
  });
});
