import {
  decideWrites,
  gateFamilyIds,
  initDependencyReadersFor,
  loadFamilies,
  loadParsersFor,
  WritesOverlay,
  writtenRoles,
  type GateDecision,
  type HookInput,
  type Judged,
  type ProposedWrite,
  shellEffects,
  shellVerdicts,
  strictest,
  type ToolCall,
} from '@slipway/policy-core';
import {
  callWrites,
  nativeSha256,
  RepoConfinement,
  readConfined,
  shellWrites,
} from '@slipway/policy-core/node';
import type { EarlyGit } from '../early-git.js';
import { type GateContext, openGateContext } from './gate-context.js';

/** A file an edit applies to is read up to this size; past it the edit's text is unknown. */
const MAX_EDITED_BYTES = 64 * 1024 * 1024;

/** The decision, and the repository it was made in (for the log), when one was opened. */
export interface Judgement {
  decision: GateDecision;
  gate?: GateContext;
  /** What the call would do, for the log: the files, or the command. */
  what: string;
}

const ALLOW: GateDecision = { verdict: 'allow', reasons: [] };

/**
 * The gate's decision on one tool call: reads are let through unopened; a tool the adapter does
 * not know is refused (it may write, and nothing says what); a shell command that names no
 * write, push or unknown program is let through unopened; a write is judged by the engine
 * against the repository the call is made in.
 */
export async function judgeCall(
  input: HookInput,
  cwd: string,
  env: Record<string, string | undefined>,
  early?: EarlyGit,
): Promise<Judgement> {
  const call = input.call;
  if (call.kind === 'read') return { decision: ALLOW, what: call.tool };
  if (call.kind === 'unknown')
    return {
      what: call.tool,
      decision: {
        verdict: 'deny',
        reasons: [
          {
            ruleId: 'GATE',
            message: `Slipway does not know the tool \`${call.tool}\` (${call.why}) and cannot tell what it would change`,
            instead: "use the agent's own file-editing tools, whose writes the policy can check",
          },
        ],
      },
    };
  const where = input.cwd ?? cwd;
  if (call.kind === 'shell') return judgeShell(input, call, where, env);
  const gate = await openGateContext(where, env, early);
  const box = new RepoConfinement(gate.root);
  const { writes, refusals } = callWrites(call, gate.root, where, (rel) => {
    const read = readConfined(box, rel, undefined, MAX_EDITED_BYTES);
    return read === undefined ? undefined : 'text' in read ? read.text : null;
  });
  const judged = refusals.map((reason): Judged => ({ reason, verdict: 'deny' }));
  return { decision: combine(judged, await decide(gate, input, writes, env)), gate, what: describe(writes) };
}

async function judgeShell(
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
    effects.unknown.length === 0 &&
    !effects.skipsHooks;
  // Reads, tests, searches: nothing to judge, and no repository to open.
  if (quiet) return { decision: ALLOW, what };
  const gate = await openGateContext(where, env);
  const verdicts = shellVerdicts(effects, {
    productionBranch: gate.policy.policy.production_branch,
    currentBranch: gate.committed?.branch,
  });
  const resolved = shellWrites(effects.writes, gate.root, where, () => gate.repo.listFiles());
  const decision = await decide(gate, input, resolved.writes, env);
  return { decision: combine([...verdicts, ...resolved.judged], decision), gate, what };
}

async function decide(
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
  const decision = decideWrites({
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
  });
  try {
    gate.sqlCache?.save();
  } catch {
    // A cache that cannot be written costs the next call its speed, never this call its answer.
  }
  return decision;
}

/** The gate's own reasons first, then the engine's; the strictest verdict wins. */
function combine(judged: readonly Judged[], decision: GateDecision): GateDecision {
  if (judged.length === 0) return decision;
  const verdict = strictest([decision.verdict, ...judged.map((j) => j.verdict)]);
  return { verdict, reasons: [...judged.map((j) => j.reason), ...decision.reasons] };
}

function describe(writes: readonly ProposedWrite[]): string {
  return writes.map((w) => w.path).join(', ');
}
