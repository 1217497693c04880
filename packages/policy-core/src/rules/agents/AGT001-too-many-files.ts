import type { Rule } from '../../rule.js';
import { AGENT_CAP_RULE, type CapRun, capFinding } from './facts/cap-run.js';
import { capExamples, capSuppressDocs } from './facts/examples.js';

export const tooManyFiles: Rule<CapRun> = {
  id: 'AGT001',
  name: 'too-many-files',
  ...AGENT_CAP_RULE,
  defaultSeverity: 'error',
  title: 'agent change touches more files than agents.limits.files',
  docs: {
    what:
      "An agent's change (its branch, its pull request's author, or any of its commits or their " +
      'Co-authored-by / Generated-by / Assisted-by trailers say so) touches more files than ' +
      '`agents.limits.files` allows. A rename counts once.',
    why:
      'A reviewer can follow a small change. An agent that rewrites half the repository in one pull ' +
      'request gets a rubber stamp, and the gate is only as good as the review behind it.',
    fix:
      'Split the work into smaller changes, or have a human review it and add the approval label ' +
      '(`protected.label`, default `approved-core-change`).',
    suppress: capSuppressDocs('files', 'AGT001'),
    examples: capExamples(
      'files: 2',
      'auto/docs',
      { files: ['docs/a.md', 'docs/b.md', 'docs/c.md'] },
      { files: ['docs/a.md', 'docs/b.md'] },
    ),
  },
  check: (run) =>
    capFinding(run, tooManyFiles, 'files', () => ({
      count: run.counts.files(),
      what: (n) => `touches ${n} files`,
    })),
};
