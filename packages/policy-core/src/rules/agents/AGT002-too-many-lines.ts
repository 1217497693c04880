import type { Rule } from '../../rule.js';
import { AGENT_CAP_RULE, type CapRun, capFinding } from './facts/cap-run.js';
import { capExamples, capSuppressDocs } from './facts/examples.js';

export const tooManyLines: Rule<CapRun> = {
  id: 'AGT002',
  name: 'too-many-lines',
  ...AGENT_CAP_RULE,
  defaultSeverity: 'error',
  title: 'agent change adds and removes more lines than agents.limits.lines',
  docs: {
    what:
      "An agent's change adds and removes more lines, together, than `agents.limits.lines` allows: " +
      '`git diff --numstat` against the base, renames followed, a binary file counting none. Where no ' +
      'diff can be read (the editor before a commit) the count is not taken.',
    why:
      'Lines are what a reviewer reads. A cap keeps an agent change to a size a human can review ' +
      'line by line before it reaches production.',
    fix:
      'Split the work into smaller changes, or have a human review it and add the approval label ' +
      '(`protected.label`, default `approved-core-change`).',
    suppress: capSuppressDocs('lines', 'AGT002'),
    examples: capExamples(
      'lines: 1000',
      'auto/refactor',
      { files: ['app/main.py'], lines: { added: 900, removed: 300 } },
      { files: ['app/main.py'], lines: { added: 600, removed: 400 } },
    ),
  },
  check: (run) =>
    capFinding(run, tooManyLines, 'lines', () => ({
      count: run.counts.lines(),
      what: (n) => `adds and removes ${n} lines`,
    })),
};
