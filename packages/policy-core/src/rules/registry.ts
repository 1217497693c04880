import { auditLogFamily } from './audit-log/index.js';
import { branchFamily } from './branches/index.js';
import { databaseRules } from './database/index.js';
import { dependencyFamily } from './dependencies/index.js';
import { deployRecordFamily } from './deploy-record/index.js';
import { migrationFamily } from './migrations/index.js';
import { pathFamily } from './paths/index.js';
import { policyFamily } from './policy/index.js';
import type { RuleFamily, RuleMeta } from './rule.js';
import { suppressionRules } from './suppressions/index.js';
import { updateFamily } from './update/index.js';

/**
 * Every rule Slipway knows, by family. Rules that are not run by `check` (database rules, which
 * need a live database, and the suppression rules the engine applies) are listed as metadata so
 * that `explain`, hovers, POL003 and SUP001 know them.
 */
const checkFamilies: RuleFamily[] = [
  policyFamily(() => knownRuleIds()),
  pathFamily,
  branchFamily,
  dependencyFamily,
  migrationFamily,
  deployRecordFamily,
  auditLogFamily,
  updateFamily,
];

const metadataOnly: RuleMeta[] = [...suppressionRules, ...databaseRules];

let ids: Set<string> | undefined;
let metas: RuleMeta[] | undefined;

export function ruleFamilies(): readonly RuleFamily[] {
  return checkFamilies;
}

export function allRules(): readonly RuleMeta[] {
  metas ??= [...checkFamilies.flatMap((f) => f.rules), ...metadataOnly].sort((a, b) =>
    a.id < b.id ? -1 : 1,
  );
  return metas;
}

export function knownRuleIds(): ReadonlySet<string> {
  ids ??= new Set(allRules().map((r) => r.id));
  return ids;
}

export function findRule(id: string): RuleMeta | undefined {
  const upper = id.toUpperCase();
  return allRules().find((r) => r.id === upper);
}

/** Lets packages that own rules outside `check` (the database audit) make them known. */
export function registerRuleMetadata(rules: readonly RuleMeta[]): void {
  for (const r of rules) if (!metadataOnly.some((m) => m.id === r.id)) metadataOnly.push(r);
  ids = undefined;
  metas = undefined;
}
