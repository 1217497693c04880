import { pathFamilyOf } from './facts/family.js';
import { PATH_RULES } from './rules.generated.js';

/** The PATH family: protected paths, the agents' allow-list and the policy surface. One instance per process (rules/families.ts lists every family; the agent gate loads the ones a call concerns). */
export const pathFamily = pathFamilyOf(PATH_RULES);
