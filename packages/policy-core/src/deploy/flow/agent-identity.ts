// The identity model's matchers (agents/agent-matchers.ts: the policy's lists and the presets),
// so that a deploy command and the guard never disagree about who is an agent.
import { agentMatchers, matchPerson } from '../../agents/agent-matchers.js';
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
 * Whether an --approved-by value names an agent: the acting agent itself (its name or e-mail,
 * in any case), or anyone the policy or a preset calls an agent, read as a name, an e-mail and a
 * login.
 */
export function namesAgent(doc: PolicyDocument, approver: string, self?: Person): boolean {
  const a = approver.trim().toLowerCase();
  if (a === '') return false;
  if (self && (a === self.name.toLowerCase() || a === self.email.toLowerCase())) return true;
  const asPerson = { name: approver.trim(), email: approver.trim() };
  return matchAgent(doc, [asPerson]) !== undefined || agentAccount(doc, approver.trim()) !== undefined;
}
