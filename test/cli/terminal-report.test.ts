import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliInPty } from '../deploy/helpers/pty-cli.js';
import { runCli } from '../deploy/helpers/run-cli.js';
import { TempRepo } from '../helpers/git-repo.js';

const ESC = '\u001b[';

/**
 * `--format text` to a terminal (a real pseudo-terminal through util-linux `script`): findings
 * grouped by file, each with its line and a caret, in colour unless NO_COLOR; through a pipe the
 * stable one-line form stays, byte for byte what scripts parse.
 */
describe('the text report at a terminal', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = new TempRepo();
    repo.write({
      'slipway.yaml':
        'version: 1\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n',
      'requirements.txt': 'idna==3.6\nrequests>=2.31\n',
      'requirements.lock': 'idna==3.6\nrequests==2.31.0\n',
    });
    repo.commit('deps');
  });
  afterAll(() => repo.dispose());

  const atTerminal = async (env: Record<string, string>) =>
    (await startCliInPty(['check', '--tree'], { cwd: repo.dir, env }).done).stdout.replace(/\r\n/g, '\n');

  it('groups by file with a code frame and a caret under the range, in colour', async () => {
    const screen = await atTerminal({ TERM: 'xterm-256color' });
    expect(screen).toContain(ESC);
    const plain = screen.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/^requirements\.txt\n {2}2:1 +error +DEP001 +`requests` uses `>=2\.31`/m);
    expect(plain).toMatch(/^ +2 \| requests>=2\.31\n +\| \^{14}$/m);
    expect(plain).toMatch(/^1 error, 0 warnings, 0 infos in \d+ files checked\.$/m);
  });

  it('NO_COLOR keeps the layout and drops the colour; a pipe keeps the stable form, FORCE_COLOR or not', async () => {
    const screen = await atTerminal({ TERM: 'xterm-256color', NO_COLOR: '1' });
    expect(screen).not.toContain(ESC);
    expect(screen).toMatch(/ +\| \^{14}/);
    // Scripts parse the piped form: it stays one plain line per finding.
    const piped = await runCli(['check', '--tree'], { cwd: repo.dir, env: { FORCE_COLOR: '1' } });
    expect(piped.stdout.split('\n')[0]).toMatch(/^requirements\.txt:2:1: error DEP001 /);
  });
});
