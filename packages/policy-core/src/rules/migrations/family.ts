import { createMigrationFamily } from './facts/family.js';
import type { MigFileRule } from './facts/mig-facts.js';
import { migFileRulesOf } from './facts/sql-file-results.js';
import { MIG_RULES } from './rules.generated.js';

/** The MIG family with the process-wide analyzer (`createMigrationFamily` makes one with another). */
export const migrationFamily = createMigrationFamily(MIG_RULES);

/** The MIG rules that judge one migration file alone: what a worker thread runs on a .sql file. */
export const MIG_FILE_RULES: readonly MigFileRule[] = migFileRulesOf(MIG_RULES);
