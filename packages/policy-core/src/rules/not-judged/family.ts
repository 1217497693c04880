import { coverageFamilyOf } from './facts/family.js';
import { COV_RULES } from './rules.generated.js';

/** The COV family: what a check saw and did not judge. One instance per process (rules/families.ts lists every family). */
export const coverageFamily = coverageFamilyOf(COV_RULES);
