import type { CheckResult } from '@slipway/policy-core';
import type { CommandContext } from './command.js';
import { openCheckContext } from './repo-context.js';

type TreeContext = Awaited<ReturnType<typeof openCheckContext>>['context'];

/**
 * The working tree judged whole, as `check --tree` judges it: for the commands that read what a
 * check finds without reporting it (`baseline` records it, `waivers` reads the comments of the
 * files it read). The engine's module loads while git opens the repository.
 */
export async function judgeTree(
  ctx: CommandContext,
  repoFlag: string | undefined,
  options: { baseline?: 'record' } = {},
): Promise<{ context: TreeContext; result: CheckResult }> {
  const judging = import('./check-judge.js');
  const { context } = await openCheckContext(ctx.cwd, repoFlag, undefined, ctx.env);
  const { judge } = await judging;
  const result = judge({
    policy: context.policy,
    repo: context.repo,
    env: ctx.env,
    workspace: context.workspace,
    ...options,
  });
  return { context, result };
}
