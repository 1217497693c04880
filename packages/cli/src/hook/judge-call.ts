import { createHash } from 'node:crypto';
import { decideWrites, type GateDecision, type HookInput } from '@slipway/policy-core';
import { callWrites, readConfined, RepoConfinement } from '@slipway/policy-core/node';
import { openGateContext } from './gate-context.js';

/** A file an edit applies to is read up to this size; past it the edit's text is unknown. */
const MAX_EDITED_BYTES = 64 * 1024 * 1024;

/**
 * The gate's decision on one tool call: reads are let through unopened; a tool the adapter does
 * not know is refused (it may write, and nothing says what); a write is judged by the engine
 * against the repository the call is made in.
 */
export async function judgeCall(
  input: HookInput,
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<GateDecision> {
  const call = input.call;
  if (call.kind === 'read') return { verdict: 'allow', reasons: [] };
  if (call.kind === 'unknown')
    return {
      verdict: 'deny',
      reasons: [
        {
          ruleId: 'GATE',
          message: `Slipway does not know the tool \`${call.tool}\` (${call.why}) and cannot tell what it would change`,
          instead: "use the agent's own file-editing tools, whose writes the policy can check",
        },
      ],
    };
  if (call.kind === 'shell') throw new Error('shell commands are judged by judgeShell');
  const where = input.cwd ?? cwd;
  const gate = await openGateContext(where, env);
  const box = new RepoConfinement(gate.root);
  const { writes, refusals } = callWrites(call, gate.root, where, (rel) => {
    const read = readConfined(box, rel, undefined, MAX_EDITED_BYTES);
    return read === undefined ? undefined : 'text' in read ? read.text : null;
  });
  const decision = decideWrites({
    policy: gate.policy,
    ...(gate.headPolicy ? { headPolicy: gate.headPolicy } : {}),
    repo: gate.repo,
    committed: gate.committed,
    working: gate.working,
    writes,
    session: { agent: input.agent, tool: call.tool },
    workspace: gate.workspace,
    env,
    sha256: (text) => createHash('sha256').update(text).digest('hex'),
  });
  if (refusals.length === 0) return decision;
  return { verdict: 'deny', reasons: [...refusals, ...decision.reasons] };
}
