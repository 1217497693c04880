import type { ServerContext } from '../context.js';
import { refreshDiagnostics } from '../handlers/refresh-diagnostics.js';
import type { CommandResponse, PolicyTestsResult } from '../protocol/index.js';
import type { Project } from '../workspace/project.js';

/**
 * "Run policy tests" (the lens on the policy file): the project's cases through the pure runner,
 * in this process; a failing case becomes a diagnostic at its name in the test file, and from
 * then on diagnostics keep the cases current as the policy and the cases are edited.
 */
export async function policyTestsCommand(
  ctx: ServerContext,
  project: Project,
): Promise<CommandResponse<PolicyTestsResult>> {
  await project.refresh();
  const policy = project.policyDocument();
  if (!policy)
    return {
      ok: false,
      refused: {
        code: 'invalid-policy',
        message: `${project.policyFile() ?? 'the policy'} is not valid, so no case can run against it`,
        hint: 'Fix the problems the Problems panel shows in it, then run the tests again.',
      },
    };
  const run = await ctx.service.state.policyTests.run(project.root, project.repo, policy);
  refreshDiagnostics(ctx);
  // The lens says how the last run went.
  if (ctx.canRefreshLenses)
    ctx.connection.sendRequest('workspace/codeLens/refresh').catch((err: Error) => {
      ctx.connection.console.warn(`code lens refresh failed: ${err.message}`);
    });
  const failed = run.outcomes.filter((o) => !o.passed).length;
  return {
    ok: true,
    result: {
      summary: run.summary,
      passed: run.outcomes.length - failed,
      failed,
      cases: run.outcomes.map((o) => ({
        name: o.case.name,
        file: o.case.file,
        line: o.case.range.start.line + 1,
        passed: o.passed,
      })),
      problems: run.problems.map((p) => ({ file: p.file, line: p.range.start.line + 1, message: p.message })),
    },
  };
}
