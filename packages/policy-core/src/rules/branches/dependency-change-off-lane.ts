import type { ChangeSet } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import type { CheckContext, RuleMeta } from '../rule.js';
import {
  agentBranchIndex,
  type BranchPolicy,
  dependencyFilesTouched,
  locatePolicy,
  policyLine,
  related,
} from './branch-policy.js';
import { exampleBranchName } from './dependency-branch-name.js';

export const dependencyChangeOffLane: RuleMeta = {
  id: 'BR003',
  family: 'BR',
  defaultSeverity: 'warning',
  title: 'dependency change on an agent branch not named for dependency upgrades',
  description:
    'An agent branch (`agents.branches`) changes a requirements or lock file named under `dependencies`, but the ' +
    'branch is not named like `agents.dependency_branch` (default `auto/dependency-upgrade-YYYYMMDD-NNN`, where ' +
    'YYYYMMDD is a real date and NNN a number with that many digits). Dependency upgrades go on their own, ' +
    'recognisable branches so that reviewers give them the dependency review (seed 002) and they do not ride ' +
    'along with feature work. Move the dependency change to a branch named after the template, e.g. ' +
    '`auto/dependency-upgrade-20260122-001`.',
};

export function checkDependencyChangeOffLane(
  ctx: CheckContext,
  change: ChangeSet,
  bp: BranchPolicy,
): Finding[] {
  const template = bp.dependencyBranch;
  const branch = change.branch;
  if (template === undefined || branch === undefined || bp.dependencyFiles.length === 0) return [];
  if (agentBranchIndex(bp, branch) < 0 || template.test(branch)) return [];
  const touched = new Map<string, (typeof bp.dependencyFiles)[number]>();
  for (const f of change.files) for (const d of dependencyFilesTouched(bp, f)) touched.set(d.path, d);
  if (touched.size === 0) return [];
  const files = [...touched.values()];
  const where = ['agents', 'dependency_branch'];
  const names = files.map((d) => `\`${d.path}\``).join(', ');
  const example = exampleBranchName(template.template, ctx.now);
  return [
    {
      rule: dependencyChangeOffLane.id,
      severity: dependencyChangeOffLane.defaultSeverity,
      message:
        `Agent branch \`${branch}\` changes ${names}, but dependency upgrades belong on a branch named like ` +
        `\`${template.template}\` (${policyLine(ctx, where)}); move the dependency change to a branch such as \`${example}\`.`,
      file: ctx.policy.file,
      range: locatePolicy(ctx, where),
      related: [
        related(ctx, where, `dependency branch name \`${template.template}\``),
        ...files.map((d) => related(ctx, d.policyPath, `dependency file \`${d.path}\``)),
      ],
    },
  ];
}
