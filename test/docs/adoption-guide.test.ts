import { afterAll, describe, expect, it } from 'vitest';
import { ADOPTION_LINES, expectOutcome, SlipwayOnPath, verdictOf } from '../helpers/adoption-guide.js';
import { TempRepo } from '../helpers/git-repo.js';
import { runProcess } from '../helpers/run-process.js';

/**
 * The deploy guide's "Adopting through a pull request", run as printed: each line of its `sh`
 * blocks, in order, through bash, in a real repository with history, with the built CLI as the
 * `slipway` on PATH. A line says what its check must be (`# green` / `# red: RULE, …`); every other
 * line must succeed. (test/corpus/adoption-pull-request.test.ts runs the same lines on real projects.)
 */
const HISTORY = {
  'db/migrations/0001_init.sql': 'CREATE TABLE orders (id int);\n',
  'requirements.txt': 'requests==2.31.0\nidna==3.6\n',
  // A duplicate line years old (DEP007): the baseline accepts it.
  'requirements.lock': 'requests==2.31.0\nidna==3.6\nrequests==2.31.0\n',
  'app/settings.py': 'TIMEOUT_SECONDS = 30\n',
};

const onPath = new SlipwayOnPath();
const repo = new TempRepo(HISTORY);
afterAll(() => {
  repo.dispose();
  onPath.dispose();
});

describe('docs/guides/deploy.md, "Adopting through a pull request"', () => {
  it('its commands, run as printed: the adoption and an unrelated pull request green, an agent’s drop red', async () => {
    expect(
      ADOPTION_LINES.filter((l) => l.startsWith('slipway check')).map((l) => verdictOf(l)?.verdict),
    ).toEqual(['green', 'green', 'red']);
    repo.commit('years of history');
    for (const line of ADOPTION_LINES)
      expectOutcome(line, await runProcess('bash', ['-c', line], { cwd: repo.dir, env: onPath.env }));
  });
});
