import type { Finding } from '../../finding.js';
import type { CheckContext, RuleMeta } from '../rule.js';
import type { PairFacts } from './facts/pair-facts.js';
import { at, policyAt } from './facts/where.js';

export const missingInclude: RuleMeta = {
  id: 'DEP010',
  family: 'DEP',
  defaultSeverity: 'error',
  title: 'an `-r`/`-c` target that does not exist',
  description:
    'A `-r`/`--requirement` or `-c`/`--constraint` line names a file that does not exist, relative to the file ' +
    'that contains the line (as pip resolves it), or the requirements file the policy names is missing. Also ' +
    'reported: an include that leaves the repository (an absolute path or too many `..`), includes that form a ' +
    'cycle (`-r a.txt` in b.txt and `-r b.txt` in a.txt), and includes nested more than 32 deep. URL includes ' +
    'are not fetched.',
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
