import { branchFamilyOf } from './facts/family.js';
import { BR_RULES } from './rules.generated.js';

/** The BR family: which branches agents commit on, and the dependency lane. One instance per process (rules/families.ts lists every family; the agent gate loads the ones a call concerns). */
export const branchFamily = branchFamilyOf(BR_RULES);
