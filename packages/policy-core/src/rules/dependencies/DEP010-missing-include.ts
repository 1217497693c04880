import type { Finding } from '../../finding.js';
import type { CheckContext, Rule } from '../../rule.js';
import type { PairFacts } from './facts/pair-facts.js';
import { at, policyAt } from './facts/where.js';
import type { PairRun } from './facts/pair-run.js';
import { commentSuppressDocs } from '../suppress-docs.js';

export const missingInclude: Rule<PairRun> = {
  id: 'DEP010',
  name: 'missing-include',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'an `-r`/`-c` target that does not exist',
  docs: {
    what:
      'A `-r`/`--requirement` or `-c`/`--constraint` line names a file that does not exist, relative to ' +
      'the file that contains the line (as pip resolves it), or the requirements file the policy names ' +
      'is missing. Also reported: an include that leaves the repository (an absolute path or too many ' +
      '`..`), includes that form a cycle, and includes nested more than 32 deep. URL includes are not ' +
      'fetched.',
    why:
      'pip fails on a missing include, and an include from outside the repository or in a cycle makes ' +
      'the installed set depend on the machine it runs on.',
    fix:
      'Point the line at the right file (relative to the file that contains it), or create or remove ' +
      'the include.',
    suppress: commentSuppressDocs('DEP010'),
    examples: [
      {
        verdict: 'flagged',
        file: 'backend/requirements.txt',
        text: '-r base.txt\n' + 'fastapi==0.110.0\n',
        beside: {
          'backend/requirements.lock': 'fastapi==0.110.0\n',
        },
      },
      {
        verdict: 'fine',
        file: 'backend/requirements.txt',
        text: '-r common/base.txt\n' + 'fastapi==0.110.0\n',
        beside: {
          'backend/common/base.txt': 'requests==2.31.0\n',
          'backend/requirements.lock': 'fastapi==0.110.0\n' + 'requests==2.31.0\n',
        },
      },
    ],
  },
  check: ({ ctx, pair }) => checkMissingIncludes(ctx, pair),
};

export function checkMissingIncludes(ctx: CheckContext, facts: PairFacts): Finding[] {
  const out: Finding[] = [];
  for (const p of facts.problems) {
    if (p.rule !== 'DEP010') continue;
    const where = p.file
      ? at(p.file, p.start ?? 0, p.end ?? 0)
      : policyAt(ctx, facts, p.policyKey ?? 'requirements');
    out.push({
      rule: missingInclude.id,
      severity: missingInclude.defaultSeverity,
      message: p.message,
      ...where,
    });
  }
  return out;
}
