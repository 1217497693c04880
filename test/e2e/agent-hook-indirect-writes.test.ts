import { linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// Writes that reach a file by another way than its name, each let through before (found by
// attacking the gate): a link made and written through in one command, a hard link made in one
// call and written in the next, a folder moved away whole, a removal staged but not made, and a
// push that names no branch where git's settings send it to production.
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
const decision = (command: string) => session.decision(command);

describe('slipway hook: writes by another name', () => {
  it('a link to the git directory or the policy, made in the command that writes through it, is refused', () => {
    expect(decision(`ln -s .git/config l && printf '[core]\\n' >> l`)).toMatch(
      /^deny .*\.git\/config is inside the git directory/,
    );
    expect(decision('ln -sT slipway.yaml l && echo x > l')).toMatch(/^deny .*PATH004/);
    expect(decision('ln -T slipway.yaml h')).toMatch(/^deny .*PATH004/);
    expect(decision('mkdir -p x && ln -s ../core/models.py x/m && echo y > x/m')).toMatch(
      /^ask .*core\/models\.py/,
    );
  });

  it('a link to a folder, a glob naming folders, a pathspec git expands, a patch put in the index: not let through', () => {
    expect(decision('mkdir -p .claude && ln -s .claude c && echo x > c/settings.json')).toMatch(
      /^ask .*\.claude, a folder or a path not there yet/,
    );
    expect(decision('ln -s core x && echo x > x/models.py')).toMatch(/^ask .*core, a folder/);
    expect(decision('cp -al core x && echo x > x/models.py')).toMatch(/^ask .*core/);
    expect(decision('rm -r cor?')).toMatch(/^ask .*core\/models\.py/);
    expect(decision('git rm -q --cached "slipway.*" && git commit -qm tidy')).toMatch(
      /^ask .*expanded by git/,
    );
    expect(decision('git apply --cached fix.patch && git commit -qm wip')).toMatch(
      /^ask .*next commit takes/,
    );
    expect(decision('HOME=/tmp/elsewhere git push')).toMatch(/^ask .*setting HOME/);
  });

  it('a file that is a hard link is not written: the other name may be any file', () => {
    linkSync(session.at('docs/a.md'), session.at('docs/b.md'));
    try {
      expect(session.write('docs/b.md', 'b\n').stderr).toMatch(
        /docs\/b\.md is a hard link \(one file under 2 names\)/,
      );
      // Near miss: removing one name leaves the other's contents alone (unlink(2)).
      expect(decision('rm docs/b.md')).toBe('allow');
    } finally {
      session.repo.git('clean', '-qf', 'docs');
    }
  });

  it('a hard link made to a protected file, or inside the repository, is a write there, from any folder', () => {
    // A second name outside every repository (`ln slipway.yaml /tmp/x`) makes a later write to
    // /tmp/x, which no repository judges, a write of the policy file.
    const elsewhere = mkdtempSync(join(tmpdir(), 'slipway-ln-'));
    const from = (cwd: string, command: string) =>
      session.answer({ ...session.claude('Bash', { command }), cwd });
    try {
      for (const command of [
        `ln ${session.at('slipway.yaml')} ${elsewhere}/x`,
        `link ${session.at('slipway.yaml')} ${elsewhere}/x`,
        `cp -l ${session.at('slipway.yaml')} ${elsewhere}/x`,
        `ln -t ${elsewhere} ${session.at('slipway.yaml')}`,
        `cd ${session.dir} && ln -f slipway.yaml ${elsewhere}/x`,
      ])
        expect(from(elsewhere, command), command).toMatch(/^deny .*PATH004/);
      expect(from(elsewhere, `ln ${session.at('core/models.py')} x`)).toMatch(/^ask .*PATH003/);
      expect(from(elsewhere, `ln ${elsewhere}/y ${session.at('core/y.py')}`)).toMatch(/^ask .*PATH003/);
      // Near misses: a file no rule names, linked out or in.
      expect(from(elsewhere, `ln ${session.at('docs/a.md')} x`)).toBe('allow');
      expect(from(elsewhere, `ln ${elsewhere}/y ${session.at('docs/y.md')}`)).toBe('allow');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('a hard link outside the repository, made before the session, is not written through', () => {
    // Another name of the policy file, made where no repository is (before the session, so no
    // call of it made the link): a write there is a write of the policy.
    const elsewhere = mkdtempSync(join(tmpdir(), 'slipway-ln-'));
    linkSync(session.at('slipway.yaml'), join(elsewhere, 'x'));
    writeFileSync(join(elsewhere, 'plain'), 'p\n');
    const x = join(elsewhere, 'x');
    try {
      const refused = /is a hard link outside the repository \(one file under 2 names\)/;
      expect(session.answer(session.claude('Write', { file_path: x, content: 'version: 1\n' }))).toMatch(
        new RegExp(`^deny .*${refused.source}`),
      );
      expect(
        session.answer(session.claude('Edit', { file_path: x, old_string: 'core/', new_string: 'x/' })),
      ).toMatch(new RegExp(`^deny .*${refused.source}`));
      expect(decision(`echo 'version: 1' > ${x}`)).toMatch(new RegExp(`^deny .*${refused.source}`));
      expect(decision(`cp docs/a.md ${x}`)).toMatch(new RegExp(`^deny .*${refused.source}`));
      // Near misses: removing that name leaves the policy's text alone; a file with one name is
      // outside every repository's rules.
      expect(decision(`rm ${x}`)).toBe('allow');
      expect(decision(`echo p >> ${join(elsewhere, 'plain')}`)).toBe('allow');
      expect(
        session.answer(session.claude('Write', { file_path: join(elsewhere, 'plain'), content: 'q\n' })),
      ).toBe('allow');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('a folder moved away whole removes every file in it; a staged removal is a removal', () => {
    expect(decision('mv core /tmp/elsewhere')).toMatch(/^ask .*core\/models\.py/);
    expect(decision('git mv core core2')).toMatch(/^ask .*core\/models\.py/);
    expect(decision('git rm -q --cached slipway.yaml && git commit -qm tidy')).toMatch(/^deny .*PATH004/);
  });

  it('a file named as a folder (`install x core/models.py` may land in core/models.py/x) is judged, not an engine error', () => {
    expect(decision('install /etc/hostname core/models.py')).toMatch(/^ask .*core\/models\.py/);
    expect(decision('ln -sf X core/models.py')).toMatch(/^ask .*core\/models\.py/);
  });

  it("a push naming no branch, sent to main by the branch's upstream, is refused", () => {
    session.repo.git('remote', 'add', 'origin', session.dir);
    session.repo.git('fetch', '-q', 'origin');
    session.repo.git('branch', '-q', '--set-upstream-to=origin/main');
    try {
      expect(decision('git push')).toMatch(/^allow$/);
      session.repo.git('config', 'push.default', 'upstream');
      expect(decision('git push')).toMatch(/^deny .*BR001.*send the current branch work to main/);
      expect(decision('git -c push.default=upstream push')).toMatch(/^deny .*BR001/);
    } finally {
      session.repo.git('config', '--unset', 'push.default');
      session.repo.git('branch', '-q', '--unset-upstream');
    }
  });

  it('a glob that matches nothing yet is judged by its own name: copies by a source glob, a redirection', () => {
    // Each let through before: the destination glob (core/e*.yaml) matched no file on disk, so no
    // write was judged, and the copy landed core/evil.yaml; the redirection made `core/n*.py`.
    mkdirSync(session.at('scratch'), { recursive: true });
    writeFileSync(session.at('scratch/evil.yaml'), 'name: evil\n');
    try {
      for (const command of [
        'cp scratch/e*.yaml core/',
        'cp scratch/[e]vil.yaml core',
        'cp -t core scratch/e*.yaml',
        'install scratch/e*.yaml core/',
        'echo x > core/n*.py',
      ])
        expect(decision(command), command).toMatch(/^ask .*PATH003.*core\//);
      // Near misses: a glob copy to a folder no rule names, a removal by a glob that matches nothing.
      expect(decision('cp scratch/e*.yaml docs/')).toBe('allow');
      expect(decision('rm -f core/n*.py')).toBe('allow');
    } finally {
      rmSync(session.at('scratch'), { recursive: true, force: true });
    }
  });

  it('near miss: links and moves of ordinary files, a push of its own branch', () => {
    expect(decision('ln -s a.md docs/link.md')).toBe('allow');
    expect(decision('git apply --cached --check fix.patch')).toBe('allow');
    expect(decision('mv docs notes')).toBe('allow');
    expect(decision('git push origin HEAD:work')).toBe('allow');
  });
});
