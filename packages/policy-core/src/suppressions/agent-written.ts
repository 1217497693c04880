import type { RefuseDirective } from './self-granted.js';

/**
 * The `slipway: allow` comments of the shipped tree that an agent's commit wrote since
 * production's last good deploy, or whose allowed line an agent rewrote after a person wrote the
 * comment: `lineKey(file, comment's line)` → why it does not count. Built by the Node side from `git blame` (promote's guard reads the shipped
 * commit's tree, whose comments the commit itself carries).
 */
export type AgentWrittenLines = ReadonlyMap<string, string>;

/** The key of a 0-based line of a repository file in AgentWrittenLines. */
export function lineKey(file: string, line: number): string {
  return `${file}\0${line}`;
}

/**
 * At promote, a suppression counts only when a person wrote the comment over the line as it
 * stands, or production already ran them: an agent that could write its own `slipway: allow`
 * above its own destructive statement would pass the last gate before production. Rewriting the
 * line below a person's comment is the same move (the comment would allow what the agent wrote).
 */
export function agentWrittenGuard(lines: AgentWrittenLines): RefuseDirective | undefined {
  if (lines.size === 0) return undefined;
  return (file, _text, d) => lines.get(lineKey(file, d.range.start.line));
}

/** The first guard's refusal, then the next's: a directive counts only when none refuses it. */
export function eitherRefuses(...guards: (RefuseDirective | undefined)[]): RefuseDirective | undefined {
  const present = guards.filter((g): g is RefuseDirective => g !== undefined);
  if (present.length <= 1) return present[0];
  return (file, text, d) => {
    for (const g of present) {
      const why = g(file, text, d);
      if (why) return why;
    }
    return undefined;
  };
}
