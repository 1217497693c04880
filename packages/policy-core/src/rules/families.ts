import { agentCapFamily } from './agents/facts/family.js';
import { auditLogFamily } from './audit-log/facts/family.js';
import { branchFamily } from './branches/facts/family.js';
import { dependencyFamily } from './dependencies/facts/family.js';
import { deployRecordFamily } from './deploy-record/facts/family.js';
import { migrationFamily } from './migrations/facts/family.js';
import { pathFamily } from './paths/facts/family.js';
import { policyFamily } from './policy/facts/family.js';
import type { RuleFamily } from './rule.js';
import { updateFamily } from './update/facts/family.js';

/**
 * The families `check` runs over a repository and a change. The others are run where their
 * facts exist: SUP by the engine after the families (it judges their findings), DB by the
 * database audit (a live database), DB006 by the guard (its environment), POL001 by the policy
 * parser (the text before anything else can run).
 */
const CHECK_FAMILIES: readonly RuleFamily[] = [
  policyFamily,
  pathFamily,
  agentCapFamily,
  branchFamily,
  dependencyFamily,
  migrationFamily,
  deployRecordFamily,
  auditLogFamily,
  updateFamily,
];

export function ruleFamilies(): readonly RuleFamily[] {
  return CHECK_FAMILIES;
}
