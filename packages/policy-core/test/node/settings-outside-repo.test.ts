import { describe, expect, it } from 'vitest';
import { settingsOutsideRepo } from '../../src/node/agent-gate/settings-outside-repo.js';

/**
 * Files outside the repository that a later allowed command reads and runs a program from, each
 * written by a red team and seen to remove a file: a lesskey file's `#env` section sets LESSOPEN
 * (which `less README.md` runs), an ssh config's ProxyCommand runs at the next `git fetch`.
 */
describe('settingsOutsideRepo: files whose lines run programs', () => {
  it.each([
    ['/home/u/.lesskey', 'less'],
    ['/home/u/.config/lesskey', 'less'],
    ['/etc/syslesskey', 'less'],
    ['/home/u/.ssh/config', 'ssh'],
    ['/etc/ssh/ssh_config', 'ssh'],
    ['/etc/ssh/ssh_config.d/10-x.conf', 'ssh'],
  ])('%s', (path, what) => {
    expect(settingsOutsideRepo(path)).toMatch(new RegExp(what));
  });

  it('near miss: keys and known hosts, a lesskey in a project folder name', () => {
    for (const path of [
      '/home/u/.ssh/id_ed25519.pub',
      '/home/u/.ssh/known_hosts',
      '/home/u/lesskey-notes/a.md',
    ])
      expect(settingsOutsideRepo(path)).toBeUndefined();
  });
});

/**
 * The user-level folders of the agents beyond the five with hooks, as their documentation names
 * them: each holds instructions, hooks, plugins or MCP servers every later session loads.
 */
describe('settingsOutsideRepo: the other agents’ user settings', () => {
  it.each([
    ['/home/u/.agents/skills/deploy/SKILL.md', 'skills'],
    ['/home/u/.agents/skills/deploy/scripts/go.sh', 'skills'],
    ['/home/u/.kiro/settings/mcp.json', 'Kiro'],
    ['/home/u/.kiro/steering/always.md', 'Kiro'],
    ['/home/u/.config/opencode/plugins/x.ts', 'OpenCode'],
    ['/home/u/.config/opencode/opencode.json', 'OpenCode'],
    ['/home/u/.roo/rules/a.md', 'Roo Code'],
    ['/home/u/.continue/config.yaml', 'Continue'],
    ['/home/u/.aws/amazonq/mcp.json', 'Amazon Q'],
    ['/home/u/.aider.conf.yml', 'aider'],
    ['/home/u/.junie/mcp/mcp.json', 'Junie'],
    ['/home/u/.config/zed/AGENTS.md', 'Zed'],
    ['/home/u/.config/zed/settings.json', 'Zed'],
  ])('%s', (path, what) => {
    expect(settingsOutsideRepo(path)).toMatch(new RegExp(what));
  });

  it('near miss: names that only look like them', () => {
    for (const path of [
      '/home/u/agents/notes.md',
      '/home/u/.aws/credentials',
      '/home/u/.config/opencode-notes.md',
      '/home/u/projects/roo/readme.md',
      '/home/u/.aider.chat.history.md',
      '/home/u/junie/notes.md',
      '/home/u/.config/zed-notes.md',
    ])
      expect(settingsOutsideRepo(path)).toBeUndefined();
  });
});
