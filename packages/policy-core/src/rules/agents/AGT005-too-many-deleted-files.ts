import type { Rule } from '../../rule.js';
import { AGENT_CAP_RULE, type CapRun, capFinding } from './facts/cap-run.js';
import { capExamples, capSuppressDocs } from './facts/examples.js';

export const tooManyDeletedFiles: Rule<CapRun> = {
  id: 'AGT005',
  name: 'too-many-deleted-files',
  ...AGENT_CAP_RULE,
  defaultSeverity: 'error',
  title: 'agent change deletes more files than agents.limits.deleted_files',
  docs: {
    what: "An agent's change deletes more files than `agents.limits.deleted_files` allows (a rename is not a deletion).",
    why:
      'A deletion is the easiest change to wave through and the hardest to notice missing: tests, ' +
      'checks and configuration an agent removes stop protecting anything.',
    fix:
      'Keep the files, split the cleanup into smaller changes, or have a human review it and add the ' +
      'approval label (`protected.label`, default `approved-core-change`).',
    suppress: capSuppressDocs('deleted_files', 'AGT005'),
    examples: capExamples(
      'deleted_files: 1',
      'auto/cleanup',
      { files: [], deleted: ['tests/test_a.py', 'tests/test_b.py'] },
      { files: [], deleted: ['tests/test_a.py'] },
    ),
  },
  check: (run) =>
    capFinding(run, tooManyDeletedFiles, 'deleted_files', () => ({
      count: run.counts.deletedFiles(),
      what: (n) => `deletes ${n} files`,
    })),
};
