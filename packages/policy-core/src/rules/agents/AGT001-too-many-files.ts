import type { Rule } from '../../rule.js';
import { AGENT_CAP_RULE, type CapRun, capFinding } from './facts/cap-run.js';
import { capExample, capPolicy } from './facts/examples.js';

const POLICY = capPolicy('files: 2');

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
    suppress:
      'Not by a comment: the change must not lift its own cap. Raise `agents.limits.files` in the ' +
      'policy (a reviewed policy change), or set `rules: { AGT001: off }`.',
    examples: [
      capExample('flagged', POLICY, 'auto/docs', { files: ['docs/a.md', 'docs/b.md', 'docs/c.md'] }),
      capExample('fine', POLICY, 'auto/docs', { files: ['docs/a.md', 'docs/b.md'] }),
    ],
  },
  check: (run) =>
    capFinding(run, tooManyFiles, 'files', () => ({
      count: run.counts.files(),
      what: (n) => `touches ${n} files`,
    })),
};
