/**
 * @slipway/policy-core — the pure engine: policy schema, parsers, rules and output renderers.
 * Nothing here touches the file system, the network or child processes; `@slipway/policy-core/node`
 * adds the adapters that read a repository from disk and git.
 */
export * from './change-set.js';
export * from './db/index.js';
export * from './deploy/index.js';
export {
  type CheckOptions,
  type CheckResult,
  describeFailure,
  type FamilyFailure,
  runCheck,
} from './engine.js';
export * from './finding.js';
export * from './init/index.js';
export * from './fixes.js';
export * from './requirements/index.js';
export * from './migrations/index.js';
export * from './trace/index.js';
export { type LockMode, LOCK_STRENGTH } from './migrations/lock-facts.js';
export { lockModeOf } from './migrations/lock-mode.js';
export { Workspace } from './workspace.js';
export { FamilyRuns } from './family-runs.js';
export { createMigrationFamily, migrationFamily } from './rules/migrations/facts/family.js';
export * from './output/index.js';
export * from './paths/index.js';
export type { PolicyDocument, PolicyPath } from './policy/document.js';
export {
  afterUnnamedBase,
  type GoverningDecision,
  type GoverningInput,
  type GoverningPolicy,
  type GoverningSource,
  governingPolicy,
  governingWithoutHead,
} from './policy/governing-policy.js';
export { formatPath, type PolicyParseResult, parsePolicyText } from './policy/parse.js';
export { DEFAULT_PRODUCTION_BRANCH, POLICY_FILES } from './policy/policy-files.js';
export { dependencyPairs } from './policy/dependency-pairs.js';
export { policyJsonSchema } from './policy/json-schema.js';
export { type Policy, type PolicyInput, policySchema } from './policy/schema/index.js';
export { MemoryRepo, type GitFacts, type RepoView } from './repo.js';
export { type LockSyncPlan, planLockSync } from './rules/dependencies/facts/lock-sync.js';
export { allRules, findRule, knownRuleIds, RULES, rulesOf } from './rules/registry.js';
export { ruleFamilies } from './rules/families.js';
export { familyOfRuleId, matchesRuleFilter, ruleFamilyIds, unknownRuleFilter } from './rules/rule-filter.js';
export {
  type DocsFormat,
  type DocsOptions,
  FAMILY_NAMES,
  renderRuleDocs,
  replaceRuleTable,
  ruleDocSections,
  ruleTable,
} from './rules/rule-docs.js';
export { applySeverityOverrides } from './severity-overrides.js';
export { explainPath, type PathExplanation, type PathListVerdict } from './rules/paths/facts/explain-path.js';
export { type PatternCoverage, patternCoverage } from './rules/paths/facts/pattern-coverage.js';
export { agentEditNotice } from './rules/paths/facts/agent-edit-notice.js';
export { autoMigrationsDisabled } from './db/auto-migrations.js';
export {
  compileIdentity,
  type IdentityPattern,
  matchIdentity,
} from './rules/branches/facts/identity-pattern.js';
export type {
  AnyRule,
  CheckContext,
  ExampleChange,
  ExampleCommit,
  FamilyResult,
  Rule,
  RuleDocs,
  RuleExample,
  RuleFamily,
  RuleFamilyId,
  RuleMeta,
} from './rules/rule.js';
export { FAMILY_DIRS, findingOf, ruleSourcePath } from './rules/rule.js';
export { LIMITS, megabytes } from './limits.js';
export { LineIndex } from './text-position.js';
export { commentPrefix, findDirectives, type SuppressionDirective } from './suppressions/directives.js';
export { suppressibleInCode } from './suppressions/suppressible.js';
export * from './update/index.js';
