import { deployRecordFamilyOf } from './facts/family.js';
import { REC_RULES } from './rules.generated.js';

/** The REC family: the deploy record. One instance per process (rules/families.ts lists every family; the agent gate loads the ones a call concerns). */
export const deployRecordFamily = deployRecordFamilyOf(REC_RULES);
