import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliInPty } from '../deploy/helpers/pty-cli.js';
import { runCliProcess } from '../deploy/helpers/run-cli.js';
import { TempRepo } from '../helpers/git-repo.js';

const ESC = '\u001b[';

/**
 * `--format text` to a terminal (a real pseudo-terminal through util-linux `script`): findings
 * grouped by file, each with its line and a caret, a line per rule, in colour unless NO_COLOR;
 * through a pipe the stable one-line form stays, byte for byte what scripts parse, unless colour
 * is asked for (FORCE_COLOR, `--color always`).
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

  it('ends with one line per rule, most findings first, before the totals', async () => {
    const plain = (await atTerminal({ TERM: 'xterm-256color' })).replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/^ {2}1 {2}DEP001 {2}requirement not pinned\n\n1 error, /m);
  });

  it('NO_COLOR keeps the layout and drops the colour', async () => {
    const screen = await atTerminal({ TERM: 'xterm-256color', NO_COLOR: '1' });
    expect(screen).not.toContain(ESC);
    expect(screen).toMatch(/ +\| \^{14}/);
  });

  it('through a pipe: the stable one-line form, unless colour is asked for (FORCE_COLOR, --color always)', async () => {
    const check = (args: string[], env: Record<string, string> = {}) =>
      runCliProcess(['check', '--tree', ...args], { cwd: repo.dir, env });
    // Scripts parse the plain piped form: one line per finding.
    const piped = await check([]);
    expect(piped.stdout.split('\n')[0]).toMatch(/^requirements\.txt:2:1: error DEP001 /);
    expect(piped.stdout).not.toContain(ESC);
    for (const forced of [await check([], { FORCE_COLOR: '1' }), await check(['--color', 'always'])]) {
      expect(forced.stdout).toContain(ESC);
      expect(forced.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(
        /^ +2 \| requests>=2\.31\n +\| \^{14}$/m,
      );
      expect(forced.code).toBe(1);
    }
    // --color never wins over FORCE_COLOR; JSON is JSON whatever colour says.
    expect((await check(['--color', 'never'], { FORCE_COLOR: '1' })).stdout).toBe(piped.stdout);
    expect(JSON.parse((await check(['--format', 'json', '--color', 'always'])).stdout).findings).toHaveLength(
      1,
    );
  });

  it("a rule's line counts what the cap left unlisted", async () => {
    const many = new TempRepo();
    try {
      const names = Array.from({ length: 130 }, (_, i) => `pkg${i}`);
      many.write({
        'slipway.yaml':
          'version: 1\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n',
        'requirements.txt': names.map((n) => `${n}>=1.0\n`).join(''),
        'requirements.lock': names.map((n) => `${n}==1.0\n`).join(''),
      });
      many.commit('deps');
      const out = await runCliProcess(['check', '--tree', '--color', 'always'], { cwd: many.dir });
      const plain = out.stdout.replace(/\u001b\[[0-9;]*m/g, '');
      expect(plain).toContain('…and 30 more DEP001 findings in requirements.txt');
      expect(plain).toMatch(/^ {2}130 {2}DEP001 {2}requirement not pinned$/m);
    } finally {
      many.dispose();
    }
  });

  it('a --color that is none of auto, always, never: one line, exit 2', async () => {
    const bad = await runCliProcess(['check', '--tree', '--color', 'sometimes'], { cwd: repo.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('slipway check: --color sometimes: expected auto, always, never');
  });
});
