import {
  goesWhereSettingsSay,
  type HookInput,
  shellEffects,
  shellVerdicts,
  type ToolCall,
} from '@slipway/policy-core';
import { pushDestination, shellWrites } from '@slipway/policy-core/node';
import { branchMoveVerdicts } from './branch-move-verdicts.js';
import { ALLOW, combine, decide, type Judgement } from './decide-writes.js';
import { judgeCommit } from './judge-commit.js';
import { openGoverningGate } from './governing-gate.js';

/**
 * A shell command: what it writes, pushes or runs unknown, read off the parsed command; one that
 * names none of them is let through without opening the repository.
 */
export async function judgeShell(
  input: HookInput,
  call: Extract<ToolCall, { kind: 'shell' }>,
  where: string,
  env: Record<string, string | undefined>,
): Promise<Judgement> {
  const effects = await shellEffects(call.command);
  const what = call.command;
  const quiet =
    effects.unreadable === undefined &&
    effects.writes.length === 0 &&
    effects.pushes.length === 0 &&
    effects.refWrites.length === 0 &&
    effects.branchMoves.length === 0 &&
    effects.unknown.length === 0 &&
    !effects.skipsHooks;
  // Reads, tests, searches: nothing to judge, and no repository to open.
  if (quiet) return { decision: ALLOW, what };
  const gate = await openGoverningGate(where, env);
  const currentBranch = gate.committed?.branch;
  // Where a push naming no branch goes is git's settings' to say: asked only for such a push.
  const branchless = effects.pushes.some(goesWhereSettingsSay);
  const verdicts = shellVerdicts(effects, {
    productionBranch: gate.policy.policy.production_branch,
    currentBranch,
    ...(branchless && currentBranch !== undefined
      ? { pushDestination: await pushDestination(gate.root, currentBranch) }
      : {}),
  });
  const resolved = shellWrites(
    effects.writes,
    gate.root,
    where,
    () => gate.repo.listFiles(),
    (rel) => gate.repo.readFile(rel),
  );
  const decision = await decide(gate, input, resolved.writes, env);
  // A commit is judged by what it records too: the index, where it differs from the disk.
  const commit = effects.commits[0];
  const recorded = commit === undefined ? decision : await judgeCommit(gate, input, commit, decision, env);
  const moves = branchMoveVerdicts(effects, gate.root, currentBranch);
  return { decision: combine([...verdicts, ...moves, ...resolved.judged], recorded), gate, what };
}
