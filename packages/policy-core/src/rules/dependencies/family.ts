import { dependencyFamilyOf } from './facts/family.js';
import { DEP_RULES } from './rules.generated.js';

/** The DEP family: the dependency files and their locks. One instance per process (rules/families.ts lists every family; the agent gate loads the ones a call concerns). */
export const dependencyFamily = dependencyFamilyOf(DEP_RULES);
