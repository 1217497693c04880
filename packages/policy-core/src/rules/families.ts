import { agentCapFamily } from './agents/family.js';
import { auditLogFamily } from './audit-log/family.js';
import { branchFamily } from './branches/family.js';
import { coverageFamily } from './not-judged/family.js';
import { DB_RULES, databaseFamily } from './database/family.js';
import { dependencyFamily } from './dependencies/family.js';
import { deployRecordFamily } from './deploy-record/family.js';
import { MIG_FILE_RULES, migrationFamily } from './migrations/family.js';
import { pathFamily } from './paths/family.js';
import { policyFamily } from './policy/family.js';
import type { RuleFamily } from '../rule.js';
import { updateFamily } from './update/family.js';
import * as dependencyReaderSet from './dependency-reader-set.js';
import { provideDependencyReaders } from './dependency-readers.js';

// The hosts that import every family import the DEP family's readers with it: the path, cap and
// branch families they run find them loaded (dependency-readers.ts), with no initialisation to forget.
provideDependencyReaders(dependencyReaderSet);

/**
 * Each family with its rules: built in `rules/<family-dir>/family.ts` from the family's runner
 * (`facts/family.ts`, which takes the rules it is given and never reads the list of every rule)
 * and the family's generated list, one instance per process. Listed here for the hosts that run
 * them all; the agent gate loads one family at a time (load-families.ts).
 */
export {
  agentCapFamily,
  auditLogFamily,
  branchFamily,
  coverageFamily,
  DB_RULES,
  databaseFamily,
  dependencyFamily,
  deployRecordFamily,
  MIG_FILE_RULES,
  migrationFamily,
  pathFamily,
  policyFamily,
  updateFamily,
};

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
  // Last: what the others did not read.
  coverageFamily,
];

export function ruleFamilies(): readonly RuleFamily[] {
  return CHECK_FAMILIES;
}
