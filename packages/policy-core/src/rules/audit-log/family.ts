import { auditLogFamilyOf } from './facts/family.js';
import { AUD_RULES } from './rules.generated.js';

/** The AUD family: the audit log and its chain. One instance per process (rules/families.ts lists every family; the agent gate loads the ones a call concerns). */
export const auditLogFamily = auditLogFamilyOf(AUD_RULES);
