import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { IDENTITY, TempRepo } from '../helpers/git-repo.js';
import { fencedBlocks, section } from '../helpers/markdown-blocks.js';
import { runProcess } from '../helpers/run-process.js';

/**
 * The deploy guide's "Adopting through a pull request", run as printed: each line of its `sh`
 * blocks, in order, through bash, in a real repository with history, with the built CLI as the
 * `slipway` on PATH. A line says what its check must be (`# green` / `# red: RULE, …`); every other
 * line must succeed.
 */
const guide = readFileSync(new URL('../../docs/guides/deploy.md', import.meta.url), 'utf8');
const lines = fencedBlocks(section(guide, '8. Adopting through a pull request'))
  .filter((b) => b.lang === 'sh')
  .flatMap((b) => b.text.split('\n').filter((l) => l.trim() !== ''));

const HISTORY = {
  'db/migrations/0001_init.sql': 'CREATE TABLE orders (id int);\n',
  'requirements.txt': 'requests==2.31.0\nidna==3.6\n',
  // A duplicate line years old (DEP007): the baseline accepts it.
  'requirements.lock': 'requests==2.31.0\nidna==3.6\nrequests==2.31.0\n',
  'app/settings.py': 'TIMEOUT_SECONDS = 30\n',
};

const bin = mkdtempSync(join(tmpdir(), 'slipway-bin-'));
const repo = new TempRepo(HISTORY);
afterAll(() => {
  repo.dispose();
  rmSync(bin, { recursive: true, force: true });
});

describe('docs/guides/deploy.md, "Adopting through a pull request"', () => {
  it('its commands, run as printed: the adoption and an unrelated pull request green, an agent’s drop red', async () => {
    expect(
      lines.filter((l) => l.startsWith('slipway check')).map((l) => /# (green|red)/.exec(l)?.[1]),
    ).toEqual(['green', 'green', 'red']);
    writeFileSync(join(bin, 'slipway'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'slipway'), 0o755);
    repo.commit('years of history');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...IDENTITY,
      PATH: `${bin}${delimiter}${process.env.PATH}`,
    };
    for (const k of ['GITHUB_EVENT_PATH', 'GITHUB_HEAD_REF', 'GITHUB_BASE_REF', 'FORCE_COLOR']) delete env[k];
    for (const line of lines) {
      const r = await runProcess('bash', ['-c', line], { cwd: repo.dir, env });
      const said = `${line}\n${r.stdout}${r.stderr}`;
      const verdict = /# (green|red)(?::\s*(.*?), exit)?/.exec(line);
      if (!verdict) {
        expect(r.code, said).toBe(0);
        continue;
      }
      expect(r.stdout, said).toMatch(/^judged: the change from /m);
      if (verdict[1] === 'green') {
        expect(r.code, said).toBe(0);
        expect(r.stdout, said).not.toMatch(/ error [A-Z]+\d{3} /);
      } else {
        expect(r.code, said).toBe(1);
        for (const rule of (verdict[2] ?? '').split(/,\s*|\s+and\s+/).filter(Boolean))
          expect(r.stdout, said).toMatch(new RegExp(` error ${rule} `));
        expect(verdict[2], 'the red line names the rules it expects').toBeTruthy();
      }
    }
  });
});
