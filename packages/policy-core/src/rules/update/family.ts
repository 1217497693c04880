import { updateFamilyOf } from './facts/family.js';
import { UPD_RULES } from './rules.generated.js';

/** The UPD family: the self-updater's settings. One instance per process (rules/families.ts lists every family; the agent gate loads the ones a call concerns). */
export const updateFamily = updateFamilyOf(UPD_RULES);
