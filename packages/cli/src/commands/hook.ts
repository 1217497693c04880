import {
  adapterFor,
  type GateDecision,
  type HookInput,
  isGateAgent,
  GATE_AGENTS,
} from '@slipway/policy-core';
import { appendDecision, decisionEntry, findRoot, loadPolicy } from '@slipway/policy-core/node';
import { type Command, type CommandContext, UserError } from '../command.js';
import { judgeCall, type Judgement } from '../hook/judge-call.js';
import { MissingPolicyError } from '../policy-errors.js';
import { readHookInput } from '../hook/read-input.js';

export const hookCommand: Command = {
  name: 'hook',
  usage: `Usage: slipway hook <agent>

The agent gate: run by a coding agent before each tool call, with the agent's hook input (JSON)
on standard input. It judges the call with the engine, under the base branch's policy, as if the
session's edits and this call were a change by that agent, and answers the way the agent reads
an answer: let it run, ask the human, or refuse it with the rule, the policy line and what to do
instead. Reads are never refused; what cannot be judged is refused (hooks.fail_open: true lets
it through). Refusals are logged in the git directory: slipway history --agent-decisions.

Agents: ${GATE_AGENTS.join(', ')}. \`slipway init --agents\` writes each agent's hook settings.`,
  run: runHook,
};

async function runHook(ctx: CommandContext): Promise<number> {
  const [agent, ...rest] = ctx.argv;
  if (agent === undefined || !isGateAgent(agent) || rest.length > 0)
    throw new UserError(
      `slipway hook takes one agent: ${GATE_AGENTS.join(', ')}${agent && !isGateAgent(agent) ? ` (not "${agent.slice(0, 40)}")` : ''}`,
    );
  const adapter = adapterFor(agent);
  const answer = (decision: GateDecision, input: HookInput | undefined) => {
    const a = adapter.render(decision, input);
    if (a.stdout) ctx.stdout.write(a.stdout);
    if (a.stderr) ctx.stderr.write(a.stderr);
    return a.exitCode;
  };
  const raw = await readHookInput(ctx.stdin);
  if ('tooLarge' in raw)
    return answer(
      gateRefusal(
        `the hook input is ${raw.tooLarge.toLocaleString('en-US')} bytes, past what Slipway reads`,
        'write the file in smaller parts',
      ),
      undefined,
    );
  let json: unknown;
  try {
    json = JSON.parse(raw.text);
  } catch (err) {
    return answer(
      gateRefusal(
        `the hook input is not JSON (${(err as Error).message.slice(0, 200)})`,
        'check the hook settings: the agent must send its hook input on standard input',
      ),
      undefined,
    );
  }
  const input = adapter.read(json);
  if (typeof input === 'string')
    return answer(
      gateRefusal(input, 'check the hook settings for this agent (slipway init --agents)'),
      undefined,
    );
  let judged: Judgement;
  try {
    judged = await judgeCall(input, ctx.cwd, ctx.env);
  } catch (err) {
    const message = err instanceof UserError || err instanceof Error ? err.message : String(err);
    if (err instanceof MissingPolicyError) {
      // No policy here nor on the base: nothing governs this repository (a hook set up for every project).
      ctx.stderr.write(`slipway hook: ${message}; nothing to judge the call by, let through\n`);
      return answer({ verdict: 'allow', reasons: [] }, input);
    }
    if (await failOpen(input.cwd ?? ctx.cwd)) {
      ctx.stderr.write(
        `slipway hook: could not judge the call (${message}); let through: hooks.fail_open is on\n`,
      );
      return answer({ verdict: 'allow', reasons: [] }, input);
    }
    return answer(
      gateRefusal(
        `Slipway could not judge this call: ${message}`,
        'fix what the message says, or ask a human to make the change',
      ),
      input,
    );
  }
  const { decision, gate } = judged;
  const logAllows = gate?.policy.policy.hooks?.log_allows === true;
  if (gate && (decision.verdict !== 'allow' || logAllows)) {
    try {
      await appendDecision(gate.root, decisionEntry(input, judged.what, decision, new Date()));
    } catch (err) {
      // The decision stands; the log's failure is said where the human sees the hook's errors.
      ctx.stderr.write(`slipway hook: the decision log could not be written (${(err as Error).message})\n`);
    }
  }
  return answer(decision, input);
}

function gateRefusal(message: string, instead: string): GateDecision {
  return { verdict: 'deny', reasons: [{ ruleId: 'GATE', message, instead }] };
}

/** Whether the repository's own policy lets what cannot be judged through; false whenever that cannot be read. */
async function failOpen(cwd: string): Promise<boolean> {
  try {
    const loaded = loadPolicy((await findRoot(cwd)).root);
    return loaded.kind === 'ok' && loaded.document.policy.hooks?.fail_open === true;
  } catch {
    return false;
  }
}
