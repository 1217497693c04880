import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluatedSources } from '../../../test/helpers/evaluated-sources.js';
import { TempRepo } from '../../../test/helpers/git-repo.js';

// `slipway metrics` runs from a script of its own (dist/slipway-metrics.cjs, bin.ts's
// OWN_SCRIPTS): a sixth of the whole CLI's, read and deserialised on every run. A real run of the
// built CLI says which scripts and sources it evaluated (test/helpers/evaluated-sources.ts).
let repo: TempRepo;
beforeAll(() => {
  repo = new TempRepo({
    'slipway.yaml': [
      'version: 1',
      'production_branch: main',
      'deploy:',
      '  record: infrastructure/LAST_PROD_DEPLOY.json',
      '  audit_log: infrastructure/deploy-audit.jsonl',
      '  environments:',
      '    production:',
      '      url: http://127.0.0.1:9',
      '      deploy: ["true"]',
      '',
    ].join('\n'),
  });
  repo.commit('base');
});
afterAll(() => repo.dispose());

it('metrics loads its own script, not the whole CLI, and gives the same report', () => {
  const { scripts, sources, result } = evaluatedSources(['metrics', '--format', 'json'], { cwd: repo.dir });
  expect(result.code, result.stderr).toBe(0);
  // No promote has run here: the report says the log is not there yet.
  expect(JSON.parse(result.stdout)).toMatchObject({
    environments: [],
    issues: [
      { file: 'infrastructure/deploy-audit.jsonl', message: expect.stringMatching(/^does not exist/) },
    ],
  });
  expect([...scripts]).toEqual(['slipway-metrics.cjs']);
  // Its own command, and no other command's module.
  const commands = [...sources].filter((s) => s.startsWith('packages/cli/src/commands/'));
  expect(commands).toEqual(['packages/cli/src/commands/metrics.ts']);
});

it('near miss: another command still loads the whole CLI', () => {
  const { scripts, result } = evaluatedSources(['explain', 'MIG001'], { cwd: repo.dir });
  expect(result.code, result.stderr).toBe(0);
  expect([...scripts]).toEqual(['slipway-cli.cjs']);
});
