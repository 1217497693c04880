import { databaseAuditStep } from './database-audit.js';
import type { GuardStep } from './step.js';

/** Steps `slipway guard` runs after `check`, in order. */
export const guardSteps: GuardStep[] = [databaseAuditStep];
