// The identity model's matchers (agents/agent-matchers.ts: the policy's lists and the presets),
// so that a deploy command and the guard never disagree about who is an agent.
import { agentMatchers, matchPerson } from '../../agents/agent-matchers.js';
import { AGENT_PRESETS } from '../../agents/presets.js';
import type { Person } from '../../change-set.js';
import type { PolicyDocument } from '../../policy/document.js';

/** The pattern the first of `people` that is an agent matches, with that person. */
export function matchAgent(
  doc: PolicyDocument,
  people: readonly Person[],
): { who: Person; pattern: string } | undefined {
  const m = agentMatchers(doc);
  for (const who of people) {
    const hit = matchPerson(m, who);
    if (hit) return { who, pattern: hit.identity.pattern };
  }
  return undefined;
}

/** The agent account (`agents.accounts` or a preset's login) a GitHub login is, if any. */
export function agentAccount(doc: PolicyDocument, login: string | undefined): string | undefined {
  if (!login) return undefined;
  return agentMatchers(doc).accounts.find((a) => a.regex.test(login))?.pattern;
}

/**
 * Whether an --approved-by (or a break-glass --approver) value names an agent: the acting agent
 * itself (its name or e-mail, in any case), anyone the policy or a preset calls an agent, read as
 * a name, an e-mail and a login, or a name only machines go by (machineName).
 */
export function namesAgent(doc: PolicyDocument, approver: string, self?: Person): boolean {
  const a = approver.trim().toLowerCase();
  if (a === '') return false;
  if (self && (a === self.name.toLowerCase() || a === self.email.toLowerCase())) return true;
  if (machineName(a)) return true;
  const asPerson = { name: approver.trim(), email: approver.trim() };
  return matchAgent(doc, [asPerson]) !== undefined || agentAccount(doc, approver.trim()) !== undefined;
}

/**
 * A name only a machine goes by, whatever the policy lists: a GitHub App's login (`name[bot]`,
 * which no person's account can take), a preset's id or name as written (`claude`, `Claude Code`,
 * `GitHub Copilot coding agent`), and Claude's names in its Co-Authored-By trailers (`Claude Opus
 * 4.5`). A person's name that shares a word (`Claude Monet`, `Devin Smith`) is not one.
 */
function machineName(lower: string): boolean {
  if (/\[bot\](?:@|$)/.test(lower)) return true;
  if (/^claude (?:opus|sonnet|haiku|code|instant)\b/.test(lower)) return true;
  return AGENT_PRESETS.some((p) => p.id === lower || p.name.toLowerCase() === lower);
}
