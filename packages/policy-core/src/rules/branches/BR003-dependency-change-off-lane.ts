import type { ChangeSet } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import type { CheckContext, Rule } from '../../rule.js';
import {
  agentBranchIndex,
  type BranchPolicy,
  dependencyFilesTouched,
  editsDependencies,
  isWritten,
  locatePolicy,
  policyLine,
  related,
} from './facts/branch-policy.js';
import { exampleBranchName } from './facts/dependency-branch-name.js';
import type { BranchRun } from './facts/branch-policy.js';
import { brSuppressDocs, dependencyUpgradeExample } from './facts/examples.js';

export const dependencyChangeOffLane: Rule<BranchRun> = {
  id: 'BR003',
  name: 'dependency-change-off-lane',
  family: 'BR',
  // Stryker disable next-line StringLiteral: the BR family judges every rule on its one run (facts/family.ts dispatches on no facts), so nothing reads this
  facts: 'branch-change',
  defaultSeverity: 'warning',
  title: 'dependency change on an agent branch not named for dependency upgrades',
  docs: {
    what:
      'An agent branch (`agents.branches`) changes a requirements or lock file named under ' +
      '`dependencies`, but the branch is not named like `agents.dependency_branch` (default ' +
      '`auto/dependency-upgrade-YYYYMMDD-NNN`, where YYYYMMDD is a real date and NNN a number with that ' +
      'many digits). A `pyproject.toml` counts when its dependency declarations, indexes, sources or ' +
      "build requirements change, not for an edit of another tool's settings or the project's version; " +
      "a `package.json` (the pair's, or a workspace's below its npm, pnpm, Yarn or Bun lock) when its " +
      'dependency declarations or overrides change, not for its scripts or version.',
    why:
      'Dependency upgrades go on their own, recognisable branches so that reviewers give them the ' +
      'dependency review that upgrades need and they do not ride along with feature work.',
    fix:
      'Move the dependency change to a branch named after the template, e.g. ' +
      '`auto/dependency-upgrade-20260122-001`.',
    suppress: brSuppressDocs('BR003'),
    examples: [
      dependencyUpgradeExample('flagged', 'auto/refactor-billing'),
      dependencyUpgradeExample('fine', 'auto/dependency-upgrade-20251209-001'),
    ],
  },
  check: ({ ctx, change, bp }) => checkDependencyChangeOffLane(ctx, change, bp),
};

export function checkDependencyChangeOffLane(
  ctx: CheckContext,
  change: ChangeSet,
  bp: BranchPolicy,
): Finding[] {
  const template = bp.dependencyBranch;
  const branch = change.branch;
  if (template === undefined || branch === undefined) return [];
  const lane = agentBranchIndex(bp, branch);
  if (lane < 0 || template.test(branch)) return [];
  const touched = new Map<string, (typeof bp.dependencyFiles)[number]>();
  for (const f of change.files)
    for (const d of dependencyFilesTouched(bp, f))
      if (editsDependencies(ctx, change, d, f)) touched.set(d.path, d);
  if (touched.size === 0) return [];
  const files = [...touched.values()];
  const names = files.map((d) => `\`${d.path}\``).join(', ');
  const example = exampleBranchName(template.template, ctx.now);
  const fileLines = files.map((d) => related(ctx, d.policyPath, `dependency file \`${d.path}\``));
  const tail = `; move the dependency change to a branch such as \`${example}\`.`;
  const where = ['agents', 'dependency_branch'];
  if (isWritten(ctx, where)) {
    return [
      {
        rule: dependencyChangeOffLane.id,
        severity: dependencyChangeOffLane.defaultSeverity,
        message:
          `Agent branch \`${branch}\` changes ${names}, but dependency upgrades belong on a branch named like ` +
          `\`${template.template}\` (${policyLine(ctx, where)})${tail}`,
        file: ctx.policy.file,
        range: locatePolicy(ctx, where),
        related: [related(ctx, where, `dependency branch name \`${template.template}\``), ...fileLines],
      },
    ];
  }
  // Defaulted: no line holds the template, so the finding sits on the line that made this an
  // agent branch (as PATH003 and BR002 relate it), and the `agents:` key, where a defaulted key
  // is reported and would be written, is related.
  const lanePath = ['agents', 'branches', lane];
  // Stryker disable next-line StringLiteral: `lane` is an index into agents.branches (agentBranchIndex), so the fallback is never taken
  const pattern = ctx.policy.policy.agents?.branches[lane] ?? '';
  return [
    {
      rule: dependencyChangeOffLane.id,
      severity: dependencyChangeOffLane.defaultSeverity,
      message:
        `Agent branch \`${branch}\` (agents.branches \`${pattern}\`, ${policyLine(ctx, lanePath)}) changes ${names}, ` +
        `but dependency upgrades belong on a branch named like \`${template.template}\` (the default of ` +
        `\`agents.dependency_branch\`, which ${ctx.policy.file} does not set)${tail}`,
      file: ctx.policy.file,
      range: locatePolicy(ctx, lanePath),
      related: [
        related(ctx, lanePath, `agent branch pattern \`${pattern}\``),
        related(
          ctx,
          where,
          `\`agents.dependency_branch\` is not set, so it is \`${template.template}\`; set it here to choose another name`,
        ),
        ...fileLines,
      ],
    },
  ];
}
