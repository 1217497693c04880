import type { ExampleChange, Rule } from '../../rule.js';
import { AGENT_CAP_RULE, type CapRun, capFinding } from './facts/cap-run.js';
import { capPolicy, capSuppressDocs } from './facts/examples.js';

const POLICY = capPolicy(
  'new_dependencies: 0',
  'dependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n',
);

/** The docs examples' change: an agent edits the requirements and their lock. */
const CHANGE: ExampleChange = {
  branch: 'auto/http',
  labels: [],
  files: ['requirements.txt', 'requirements.lock'],
  base: { 'requirements.txt': 'fastapi==0.110.0\n', 'requirements.lock': 'fastapi==0.110.0\n' },
};

export const tooManyNewDependencies: Rule<CapRun> = {
  id: 'AGT003',
  name: 'too-many-new-dependencies',
  ...AGENT_CAP_RULE,
  defaultSeverity: 'error',
  title: 'agent change adds more packages than agents.limits.new_dependencies',
  docs: {
    what:
      "An agent's change adds more packages to the dependency pairs named under `dependencies` " +
      'than `agents.limits.new_dependencies` allows: a package the pair names at head and did not ' +
      'name at base, in its requirements file, the files that one includes with `-r`, a ' +
      "`pyproject.toml`'s declarations, or its lock (every package a lock pins is installed, so a " +
      'name added only there counts; a lock the base did not have yet counts only its requirements). ' +
      'A version bump of a package already there is not a new dependency.',
    why:
      'Every new package is code from outside the team that runs in production, and the classic way ' +
      'to slip something in (a typo-squatted or hijacked name). Agents pick packages by name, so a new ' +
      'one needs a human.',
    fix:
      'Drop the new package, or have a human review it and add the approval label ' +
      '(`protected.label`, default `approved-core-change`).',
    suppress: capSuppressDocs('new_dependencies', 'AGT003'),
    examples: [
      {
        verdict: 'flagged',
        file: 'requirements.txt',
        text: 'fastapi==0.110.0\nrequestz==2.32.3\n',
        change: CHANGE,
        beside: { 'slipway.yaml': POLICY, 'requirements.lock': 'fastapi==0.110.0\nrequestz==2.32.3\n' },
      },
      {
        verdict: 'fine',
        file: 'requirements.txt',
        text: 'fastapi==0.111.0\n',
        change: CHANGE,
        beside: { 'slipway.yaml': POLICY, 'requirements.lock': 'fastapi==0.111.0\n' },
      },
    ],
  },
  check: (run) =>
    capFinding(run, tooManyNewDependencies, 'new_dependencies', () => {
      const { count, names } = run.counts.newDependencies();
      return { count, what: (n) => `adds ${n} new package${n === 1 ? '' : 's'} (${names.join(', ')})` };
    }),
};
