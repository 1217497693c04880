// The branch rules' own matcher (BR rules decide "an agent committed this" with it), so that a
// deploy command and the guard never disagree about who is an agent.
import type { Person } from '../../change-set.js';
import type { PolicyDocument } from '../../policy/document.js';
import { compileIdentity, type IdentityPattern, matchIdentity } from '../../agents/identity-pattern.js';

const compiled = new WeakMap<PolicyDocument, IdentityPattern[]>();

function patterns(doc: PolicyDocument): IdentityPattern[] {
  let list = compiled.get(doc);
  if (!list) {
    list = (doc.policy.agents?.identities ?? []).map(compileIdentity);
    compiled.set(doc, list);
  }
  return list;
}

/** The `agents.identities` pattern the first of `people` that is an agent matches, with that person. */
export function matchAgent(
  doc: PolicyDocument,
  people: readonly Person[],
): { who: Person; pattern: string } | undefined {
  const list = patterns(doc);
  for (const who of people) {
    const p = matchIdentity(list, who);
    if (p) return { who, pattern: p.pattern };
  }
  return undefined;
}

/**
 * Whether an --approved-by value names an agent: the acting agent itself (its name or e-mail,
 * in any case), or anyone `agents.identities` calls an agent, read as a name and as an e-mail.
 */
export function namesAgent(doc: PolicyDocument, approver: string, self?: Person): boolean {
  const a = approver.trim().toLowerCase();
  if (a === '') return false;
  if (self && (a === self.name.toLowerCase() || a === self.email.toLowerCase())) return true;
  return matchIdentity(patterns(doc), { name: approver.trim(), email: approver.trim() }) !== undefined;
}
