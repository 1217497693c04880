import { databaseAuditStep, type GuardStep } from '@slipway/policy-core/node';
import { openPglite } from '../db/pglite-client.js';

/** Steps `slipway guard` (and promote's guard) runs after `check`: the database audit, PGlite included. */
export const guardSteps: GuardStep[] = [databaseAuditStep(openPglite)];
