import { databaseFamilyOf } from './facts/family.js';
import { DB_RULES } from './rules.generated.js';

/** The DB rules, which judge the databases the audit read (database-audit.ts). */
export { DB_RULES };
/** The DB family's runner: the engine runs it when the host hands it databases (`CheckOptions.databases`). */
export const databaseFamily = databaseFamilyOf(DB_RULES);
