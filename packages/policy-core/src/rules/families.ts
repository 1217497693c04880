import { agentCapFamilyOf } from './agents/facts/family.js';
import { auditLogFamilyOf } from './audit-log/facts/family.js';
import { branchFamilyOf } from './branches/facts/family.js';
import { dependencyFamilyOf } from './dependencies/facts/family.js';
import { deployRecordFamilyOf } from './deploy-record/facts/family.js';
import { databaseFamilyOf } from './database/facts/family.js';
import { createMigrationFamily } from './migrations/facts/family.js';
import type { MigFileRule } from './migrations/facts/mig-facts.js';
import { migFileRulesOf } from './migrations/facts/sql-file-results.js';
import { pathFamilyOf } from './paths/facts/family.js';
import { policyFamilyOf } from './policy/facts/family.js';
import { knownRuleIds, rulesOf } from './registry.js';
import type { RuleFamily } from '../rule.js';
import { updateFamilyOf } from './update/facts/family.js';

/**
 * Each family's runner, handed its rules from the registry here and nowhere else: a runner
 * (`rules/<family-dir>/facts/family.ts`) takes the rules it is given and never reads the list of
 * every rule, so nothing in a family depends on which other rules exist.
 */
export const policyFamily = policyFamilyOf(rulesOf('POL'), knownRuleIds());
export const pathFamily = pathFamilyOf(rulesOf('PATH'));
export const agentCapFamily = agentCapFamilyOf(rulesOf('AGT'));
export const branchFamily = branchFamilyOf(rulesOf('BR'));
export const dependencyFamily = dependencyFamilyOf(rulesOf('DEP'));
/** The MIG family with the process-wide analyzer (`createMigrationFamily` makes one with another). */
export const migrationFamily = createMigrationFamily(rulesOf('MIG'));
export const deployRecordFamily = deployRecordFamilyOf(rulesOf('REC'));
export const auditLogFamily = auditLogFamilyOf(rulesOf('AUD'));
export const updateFamily = updateFamilyOf(rulesOf('UPD'));

/** The DB rules, which judge the databases the audit read (database-audit.ts). */
export const DB_RULES = rulesOf('DB');
/** The DB family's runner: the engine runs it when the host hands it databases (`CheckOptions.databases`). */
export const databaseFamily = databaseFamilyOf(DB_RULES);

/** The MIG rules that judge one migration file alone: what a worker thread runs on a .sql file. */
export const MIG_FILE_RULES: readonly MigFileRule[] = migFileRulesOf(rulesOf('MIG'));

/**
 * The families `check` runs over a repository and a change. The others are run where their
 * facts exist: SUP by the engine after the families (it judges their findings), DB by the
 * engine too, for the database audit, which hands it the databases it read (database-audit.ts),
 * DB006 by the guard (its environment), POL001 by the policy
 * parser (the text before anything else can run).
 */
const CHECK_FAMILIES: readonly RuleFamily[] = [
  policyFamily,
  pathFamily,
  agentCapFamily,
  branchFamily,
  dependencyFamily,
  migrationFamily,
  deployRecordFamily,
  auditLogFamily,
  updateFamily,
];

export function ruleFamilies(): readonly RuleFamily[] {
  return CHECK_FAMILIES;
}
