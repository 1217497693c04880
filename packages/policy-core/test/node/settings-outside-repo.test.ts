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
