import type { AnyRule, RuleFamily } from '../../../rule.js';
import { oneRunFamily } from '../../one-run-family.js';
import { agentSignal, isBot } from '../../../agents/change-author.js';
import type { PathRun } from './path-policy.js';
import { policySurfaceAsks } from './policy-surface-asks.js';
import { botPathPolicy, pathPolicy } from '../../../policy/path-policy.js';

/**
 * The PATH family: protected paths need a label; agent branches stay inside their allow-list
 * and never change protected paths without one. The policy is compiled once per check.
 * Changed files are not listed as checked on purpose: a `slipway: allow PATH…` comment an agent
 * writes into the file it changed must not lift the protection.
 */
export function pathFamilyOf(rules: readonly AnyRule[]): RuleFamily {
  return oneRunFamily<PathRun>('PATH', rules, {
    run(ctx) {
      const change = ctx.change;
      // Stryker disable next-line ConditionalExpression: with no changed file no PATH rule finds anything; this spares compiling the policy
      if (change === undefined || change.files.length === 0) return undefined;
      const pp = pathPolicy(ctx.policy);
      // A bot's routine change (a dependency bump, a workflow's action version) is held to the
      // rules for people: protected paths and the policy surface need the label, and the agents'
      // allow-list does not apply; unless the policy gives bots an allow-list of their own
      // (`agents.bots.allowed`), which holds them to the agents' rules with it. The caps and the
      // suppression guard count a bot's change either way.
      const signal = agentSignal(ctx.policy, change);
      const forBots = signal && isBot(signal) ? botPathPolicy(pp) : undefined;
      return forBots
        ? { ctx, change, pp: forBots, agent: signal }
        : { ctx, change, pp, agent: signal && !isBot(signal) ? signal : undefined };
    },
    gitAsks: policySurfaceAsks,
  });
}
