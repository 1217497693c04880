import { AGENT_PRESETS, agentSignal, describeSignal, isBot, printable } from '@slipway/policy-core';
import type { CommandContext } from '../command.js';
import { UserError } from '../command.js';
import { openCheckContext } from '../repo-context.js';
import { RULE_IDS } from '@slipway/policy-core';

/**
 * `slipway explain --change`: who Slipway thinks made the change, and why — the signal that
 * decided (branch, pull request author, commit, trailer) with its policy line or preset, as the
 * rules will see it.
 */
export async function explainChange(
  ctx: CommandContext,
  values: { repo?: string; base?: string; head?: string; branch?: string },
): Promise<number> {
  const flags = { base: values.base, head: values.head, branch: values.branch };
  const opened = await openCheckContext(ctx.cwd, values.repo, flags, ctx.env);
  const change = opened.change;
  if (!change) throw new UserError('no change to explain: pass --base, or run on a branch');
  const { policy } = opened.context;
  const signal = agentSignal(policy, change);
  const line = (path: readonly (string | number)[]) =>
    `${policy.file} line ${policy.locate(path, 'key').start.line + 1}`;
  const off = policy.policy.agents?.presets_off ?? [];
  const commits = `${change.commits.length} commit${change.commits.length === 1 ? '' : 's'}`;
  if (signal) {
    const origin = signal.origin;
    const preset = 'preset' in origin ? AGENT_PRESETS.find((p) => p.id === origin.preset) : undefined;
    const who = preset ? `${preset.name} (${preset.class === 'bot' ? 'a bot' : 'an agent'})` : 'an agent';
    // Branch names, authors and trailers are the change's text (printable).
    ctx.stdout.write(`An agent's change, by ${who}: ${printable(describeSignal(signal, line))}.\n`);
    ctx.stdout.write(
      isBot(signal)
        ? "A bot's change is judged as a person's by the path rules (protected paths and the policy surface need the label; agents.allowed does not apply); the caps of agents.limits (AGT) apply, and a suppression the change writes lifts nothing.\n"
        : `The agent rules apply: agents.allowed (${RULE_IDS.outsideAgentScope}), protected paths for agents (${RULE_IDS.agentEditsProtected}), the caps of agents.limits (AGT), and a suppression the change writes lifts nothing.\n`,
    );
  } else
    ctx.stdout.write(
      `A human's change: no branch, pull request author, commit author or committer, or trailer of its ${commits} matches an agent.\n`,
    );
  if (off.length)
    ctx.stdout.write(
      printable(`Presets turned off: ${off.map((o) => `${o.preset} (${o.reason})`).join('; ')}.`) + '\n',
    );
  return 0;
}
