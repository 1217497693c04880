/**
 * @slipway/policy-core — the pure engine: policy schema, parsers, rules and output renderers.
 * Nothing here touches the file system, the network or child processes; `@slipway/policy-core/node`
 * adds the adapters that read a repository from disk and git.
 *
 * Modules are re-exported whole (`export *`), not by name lists: esbuild's code splitting keeps
 * every module a name list mentions in the chunk each CLI command loads, `--version` included.
 * A module's helpers that other modules share but users should not see carry the internal tag in
 * their doc comment; the build's `stripInternal` keeps them out of the published declarations.
 */
export * from './agent-gate/index.js';
export * from './baseline/index.js';
export * from './change-set.js';
export * from './git-asks.js';
export * from './db/index.js';
export * from './deploy/index.js';
export * from './github-gate/index.js';
export * from './windows/index.js';
export * from './check-scope.js';
export * from './layouts/coverage.js';
export * from './layouts/coverage-report.js';
export * from './layouts/judged-paths.js';
export * from './layouts/layout-entry.js';
export * from './layouts/layouts.js';
export * from './layouts/unjudged-layouts.js';
export * from './engine.js';
export * from './database-audit.js';
export * from './finding.js';
export * from './init/index.js';
export * from './agents-md/index.js';
export * from './fixes.js';
export * from './requirements/index.js';
export * from './migrations/index.js';
export * from './trace/index.js';
export * from './migrations/lock-facts.js';
export * from './migrations/lock-mode.js';
export * from './workspace.js';
export * from './workspace-migrations.js';
export * from './workspace-npm-files.js';
export * from './working-changes.js';
export * from './rules/migrations/facts/family.js';
export * from './family-runs.js';
export * from './output/index.js';
export * from './paths/index.js';
export type { ExtendedFrom, PolicyDocument, PolicyPath } from './policy/document.js';
export * from './policy/schema/extends-spec.js';
export * from './policy/extends/merge-policy.js';
export * from './policy/extends/resolve-extends.js';
export * from './policy/governing-policy.js';
export * from './policy/parse.js';
export * from './policy/policy-files.js';
export * from './policy/dependency-pairs.js';
export * from './policy/json-schema.js';
export * from './policy/schema/index.js';
export * from './repo.js';
export * from './rules/dependencies/facts/lock-sync.js';
export * from './rules/registry.js';
export * from './rule-ids.generated.js';
export * from './rules/families.js';
export * from './rules/load-families.js';
export * from './rules/dependency-readers.js';
export * from './rules/rule-filter.js';
export * from './rules/rule-docs.js';
export * from './severity-overrides.js';
export { withoutTrailingSlashes } from './trailing-slashes.js';
export * from './rules/paths/facts/explain-path.js';
export * from './rules/paths/facts/path-roles.js';
export * from './rules/paths/facts/pattern-coverage.js';
export * from './rules/paths/facts/agent-edit-notice.js';
export * from './rules/paths/facts/agent-path-verdict.js';
export * from './rules/agents/facts/agent-policy-summary.js';
export { autoMigrationsDisabled } from './rules/database/DB006-auto-migrations-disabled.js';
export * from './agents/identity-pattern.js';
export * from './agents/change-author.js';
export * from './agents/presets.js';
export * from './agents/trailers.js';
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
} from './rule.js';
export * from './rule.js';
export * from './limits.js';
export * from './text-position.js';
export * from './suppressions/directives.js';
export * from './suppressions/file-directives.js';
export * from './suppressions/suppressible.js';
export * from './suppressions/agent-written.js';
export * from './suppressions/waiver-list.js';
export * from './suppressions/waiver-status.js';
export * from './update/index.js';
export * from './policy-tests/index.js';
export * from './agent-gate/shell/index.js';
