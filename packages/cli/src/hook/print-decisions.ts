import { jsonText, printable } from '@slipway/policy-core';
import { findRoot, readDecisions } from '@slipway/policy-core/node';
import type { CommandContext } from '../command.js';
import { gitStep } from '../git-step.js';
import { repoDir } from '../repo-context.js';

/** `slipway history --agent-decisions`: the agent gate's log, newest last. */
export async function printAgentDecisions(
  ctx: CommandContext,
  repoFlag: string | undefined,
  limit: number,
  json: boolean,
): Promise<number> {
  const { root } = await gitStep(() => findRoot(repoDir(ctx.cwd, repoFlag)));
  const { entries, unreadable, path } = await readDecisions(root, limit);
  if (json) {
    ctx.stdout.write(`${jsonText({ log: path, entries, unreadable })}\n`);
    return 0;
  }
  const out = (line: string) => ctx.stdout.write(`${printable(line)}\n`);
  if (entries.length === 0) out(`${path}: no agent decisions logged yet`);
  for (const e of entries) {
    out(`${e.at} ${e.verdict.toUpperCase()} ${e.agent} ${e.tool}: ${e.what}`);
    for (const r of e.reasons) out(`  [${r.rule}]${r.path ? ` ${r.path}:` : ''} ${r.message}`);
  }
  if (unreadable > 0) out(`warning: ${unreadable} line(s) of ${path} are not decisions (edited by hand?)`);
  return 0;
}
