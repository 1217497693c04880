import {
  goesWhereSettingsSay,
  type HookInput,
  type ShellWrite,
  shellEffects,
  shellVerdicts,
  type ToolCall,
} from '@slipway/policy-core';
import { pushDestination, shellWrites } from '@slipway/policy-core/node';
import { branchMoveVerdicts } from './branch-move-verdicts.js';
import { ALLOW, combine, decide, type Judgement, strictestOf } from './decide-writes.js';
import { judgeCommit } from './judge-commit.js';
import { MissingPolicyError } from '../policy-errors.js';
import type { GateContext } from './gate-context.js';
import { openGoverningGate } from './governing-gate.js';
import { writesByRepository } from './shell-write-repos.js';

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
  const { own, others } = await writesByRepository(effects.writes, where);
  // Each other repository a write lands in judges its own (its policy, its files).
  const elsewhere: Judgement[] = [];
  for (const group of others) {
    const gate = await openGoverningGate(group.dir, env).catch((err: unknown) => {
      if (!(err instanceof MissingPolicyError)) throw err;
      return undefined;
    });
    if (gate !== undefined) elsewhere.push(await judgeWrites(gate, input, group.writes, where, env, what));
  }
  const session = await openGoverningGate(where, env).catch((err: unknown) => {
    // The command runs where no policy governs, but writes into a repository that has one.
    if (err instanceof MissingPolicyError && elsewhere.length > 0) return undefined;
    throw err;
  });
  if (session === undefined) return strictestOf(elsewhere);
  const gate = session;
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
  const resolved = writesIn(gate, own, where);
  const decision = await decide(gate, input, resolved.writes, env);
  // A commit is judged by what it records too: the index, where it differs from the disk.
  const commit = effects.commits[0];
  const recorded = commit === undefined ? decision : await judgeCommit(gate, input, commit, decision, env);
  const moves = branchMoveVerdicts(effects, gate.root, currentBranch);
  const here = { decision: combine([...verdicts, ...moves, ...resolved.judged], recorded), gate, what };
  return strictestOf([here, ...elsewhere]);
}

/** Writes of the command judged by one repository's gate. */
async function judgeWrites(
  gate: GateContext,
  input: HookInput,
  writes: readonly ShellWrite[],
  where: string,
  env: Record<string, string | undefined>,
  what: string,
): Promise<Judgement> {
  const resolved = writesIn(gate, writes, where);
  return { decision: combine(resolved.judged, await decide(gate, input, resolved.writes, env)), gate, what };
}

/** The command's writes as the gate of `gate`'s repository resolves them (shellWrites). */
function writesIn(gate: GateContext, writes: readonly ShellWrite[], where: string) {
  return shellWrites(
    writes,
    gate.root,
    where,
    () => gate.repo.listFiles(),
    (rel) => gate.repo.readFile(rel),
  );
}
