import { databaseAuditStep } from './database-audit.js';
import type { GuardStep } from '@slipway/policy-core/node';

/** Steps `slipway guard` (and promote's guard) runs after `check`, in order: the CLI has the database clients. */
export const guardSteps: GuardStep[] = [databaseAuditStep];
