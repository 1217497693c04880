import { policyFamilyOf } from './facts/family.js';
import { knownRuleIds } from '../known-rule-ids.js';
import { POL_RULES } from './rules.generated.js';

/** The POL family: the policy file itself (and a change to it) judged against the schema and the base. One instance per process (rules/families.ts lists every family; the agent gate loads the ones a call concerns). */
export const policyFamily = policyFamilyOf(POL_RULES, knownRuleIds());
