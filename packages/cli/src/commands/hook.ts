import {
  adapterFor,
  GATE_AGENTS,
  type GateDecision,
  type HookInput,
  isGateAgent,
  plainlyReadOnly,
} from '@slipway/policy-core';
import { reached } from '../code-cache-marks.js';
import { type Command, type CommandContext, UserError } from '../command.js';
import { startGateGit } from '../early-git.js';
import { gateRefusal } from '../hook/gate-refusal.js';
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
  // The engine loads only for a call that needs judging (not a read, not `git status`).
  if (quiet(input)) return answer({ verdict: 'allow', reasons: [] }, input);
  // A file write is always judged against the repository: its git starts while the engine loads.
  // (A shell command may turn out to write nothing once parsed; it opens the repository only then.)
  const early = writesFiles(input) ? startGateGit(input.cwd ?? ctx.cwd, ctx.env) : undefined;
  // A cache written by a call answered here lacks the engine: the first judged call widens it.
  reached('judged');
  const { judgeAndLog } = await import('../hook/judge-and-log.js');
  return answer(await judgeAndLog(input, ctx, early), input);
}

/** A call of the agent's own file tools (write, edit, patch). */
function writesFiles(input: HookInput): boolean {
  const kind = input.call.kind;
  return kind === 'write' || kind === 'edit' || kind === 'patch';
}

/** A read, or a command read-only on its face: nothing to judge, nothing to open or load. */
function quiet(input: HookInput): boolean {
  const call = input.call;
  return call.kind === 'read' || (call.kind === 'shell' && plainlyReadOnly(call.command));
}
