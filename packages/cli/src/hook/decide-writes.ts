import {
  decideWrites,
  gateFamilyIds,
  initDependencyReadersFor,
  loadFamilies,
  loadParsersFor,
  prefetchGateAsks,
  WritesOverlay,
  writtenRoles,
  type GateDecision,
  type GateInput,
  type HookInput,
  type Judged,
  type ProposedWrite,
  strictest,
} from '@slipway/policy-core';
import { nativeSha256 } from '@slipway/policy-core/node';
import type { GateContext } from './gate-context.js';

/** The decision, and the repository it was made in (for the log), when one was opened. */
export interface Judgement {
  decision: GateDecision;
  gate?: GateContext;
  /** What the call would do, for the log: the files, or the command. */
  what: string;
}

/** Nothing to refuse. */
export const ALLOW: GateDecision = { verdict: 'allow', reasons: [] };

/** The engine's decision on the writes of one call (a file tool's or a shell command's). */
export async function decide(
  gate: GateContext,
  input: HookInput,
  writes: readonly ProposedWrite[],
  env: Record<string, string | undefined>,
): Promise<GateDecision> {
  // Only the rule families the written paths concern load, the migration parsers only for a call
  // that writes a migration, and the dependency readers (pip's includes, pyproject.toml, locks)
  // only under a policy with dependency pairs.
  await initDependencyReadersFor([gate.policy, gate.headPolicy]);
  const roles = writtenRoles({ policy: gate.policy, repo: gate.repo, writes });
  const ids = gateFamilyIds(roles);
  const families = await loadFamilies(ids);
  const section = gate.policy.policy.migrations;
  if (section && ids.includes('MIG'))
    await loadParsersFor(new WritesOverlay(gate.repo, writes), section, gate.workspace);
  const gateInput: GateInput = {
    roles,
    families,
    policy: gate.policy,
    ...(gate.headPolicy ? { headPolicy: gate.headPolicy } : {}),
    repo: gate.repo,
    committed: gate.committed,
    working: gate.working,
    writes,
    session: { agent: input.agent, tool: input.call.tool },
    workspace: gate.workspace,
    env,
    // node:crypto is loaded on the first hash, not with the hook: a path-only call never hashes.
    sha256: nativeSha256,
  };
  // What the rules will read at base, asked of the git process already open (not one each).
  await prefetchGateAsks(gateInput);
  const decision = decideWrites(gateInput);
  try {
    gate.sqlCache?.save();
  } catch {
    // A cache that cannot be written costs the next call its speed, never this call its answer.
  }
  return decision;
}

/** The gate's own reasons first, then the engine's; the strictest verdict wins. */
export function combine(judged: readonly Judged[], decision: GateDecision): GateDecision {
  if (judged.length === 0) return decision;
  const verdict = strictest([decision.verdict, ...judged.map((j) => j.verdict)]);
  return { verdict, reasons: [...judged.map((j) => j.reason), ...decision.reasons] };
}

/** The judgements of one call in several repositories: the strictest verdict, every reason. */
export function strictestOf(judgements: readonly Judgement[]): Judgement {
  const [first, ...more] = judgements as [Judgement, ...Judgement[]];
  return more.reduce(
    (sum, j) => ({
      decision: {
        verdict: strictest([sum.decision.verdict, j.decision.verdict]),
        reasons: [...sum.decision.reasons, ...j.decision.reasons],
      },
      ...(sum.gate ? { gate: sum.gate } : {}),
      what: sum.what === j.what ? sum.what : `${sum.what}, ${j.what}`,
    }),
    first,
  );
}
