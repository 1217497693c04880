import { agentPathVerdict, initDependencyReadersFor, LIMITS, type PathVerdict } from '@slipway/policy-core';
import * as z from 'zod/mini';
import { limitedList, listedString, withinCount, withinLength } from '../argument-limits.js';
import type { McpTool } from '../tool.js';
import { answer } from '../tool-result.js';

const { paths: MAX_PATHS, pathChars: MAX_PATH_CHARS } = LIMITS.mcp;

const verdictSchema = z.object({
  path: z.string(),
  verdict: z.enum(['allow', 'ask', 'deny']),
  rule: z.optional(z.string()),
  reason: z.string(),
  policyLine: z.optional(z.string()),
  roles: z.array(z.string()),
  real: z.optional(z.string()),
});

const RANK = { allow: 0, ask: 1, deny: 2 } as const;

export const mayEditTool: McpTool = {
  name: 'may_edit',
  config: {
    title: 'May an agent edit these paths?',
    description:
      "Before editing files: the policy's verdict for each path as an agent's change. `allow` (go ahead), " +
      '`ask` (a protected path: a person must review and add the approval label; ask first) or `deny` ' +
      '(policy surface or outside agents.allowed: leave it to a person), with the rule and the policy line ' +
      'that decide. Paths are relative to the repository root, or absolute inside it.',
    inputSchema: z.object({
      paths: limitedList(listedString(MAX_PATH_CHARS), MAX_PATHS),
    }),
    outputSchema: z.object({ verdicts: z.array(verdictSchema) }),
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async run(session, args) {
    const paths = withinCount('paths', args.paths as unknown[], MAX_PATHS, 'ask about fewer paths per call');
    const named = [];
    // Every path is placed first: one outside the repository refuses the whole question.
    for (const [i, raw] of paths.entries()) {
      named.push(
        await session.repoPath(
          withinLength(`paths[${i}]`, raw, MAX_PATH_CHARS, 'name a file in the repository'),
        ),
      );
    }
    const { context } = await session.openKept();
    // The path roles a verdict names read pip's includes under a policy with requirements pairs.
    await initDependencyReadersFor([context.policy]);
    const judge = (p: string) => agentPathVerdict(context.policy, context.repo, p);
    const verdicts = named.map(({ path, real }) => {
      const own = judge(path);
      if (real === undefined) return own;
      // Through a link the edit lands on the file it names: the stricter verdict of the two.
      const target = judge(real);
      const chosen: PathVerdict =
        RANK[target.verdict] > RANK[own.verdict]
          ? { ...target, path, reason: `${path} is a link to ${real}: ${target.reason}` }
          : own;
      return { ...chosen, real };
    });
    // What else the path is (a migration: lint_migration judges its text) follows the verdict.
    const text = verdicts.map(
      (v) =>
        `${v.verdict} ${v.path}${v.rule ? ` (${v.rule})` : ''}: ${v.reason}${v.roles
          .filter((r) => !r.includes('policy surface'))
          .map((r) => `\n  also: ${r}`)
          .join('')}`,
    );
    return answer({ verdicts }, text.join('\n'));
  },
};
