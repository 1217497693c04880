import { tooManyFiles } from './agents/AGT001-too-many-files.js';
import { tooManyLines } from './agents/AGT002-too-many-lines.js';
import { tooManyNewDependencies } from './agents/AGT003-too-many-new-dependencies.js';
import { tooManyMigrations } from './agents/AGT004-too-many-migrations.js';
import { tooManyDeletedFiles } from './agents/AGT005-too-many-deleted-files.js';
import { invalidPolicy } from './policy/POL001-invalid-policy.js';
import { stalePattern } from './policy/POL002-stale-pattern.js';
import { unknownRuleSetting } from './policy/POL003-unknown-rule-setting.js';
import { policyWeakened } from './policy/POL004-policy-weakened.js';
import { agentPresetOff } from './policy/POL005-agent-preset-off.js';
import { protectedWithoutLabel } from './paths/PATH001-protected-without-label.js';
import { outsideAgentScope } from './paths/PATH002-outside-agent-scope.js';
import { agentEditsProtected } from './paths/PATH003-agent-edits-protected.js';
import { policySurfaceChanged } from './paths/PATH004-policy-surface-changed.js';
import { agentCommitOnProduction } from './branches/BR001-agent-commit-on-production.js';
import { agentOutsideLane } from './branches/BR002-agent-outside-lane.js';
import { dependencyChangeOffLane } from './branches/BR003-dependency-change-off-lane.js';
import { unpinnedRequirement } from './dependencies/DEP001-unpinned-requirement.js';
import { missingLock } from './dependencies/DEP002-missing-lock.js';
import { requirementMissingFromLock } from './dependencies/DEP003-requirement-missing-from-lock.js';
import { versionMismatch } from './dependencies/DEP004-version-mismatch.js';
import { unrequiredLockEntry } from './dependencies/DEP005-unrequired-lock-entry.js';
import { dependencyChangeWithoutLabel } from './dependencies/DEP006-dependency-change-without-label.js';
import { duplicatePackage } from './dependencies/DEP007-duplicate-package.js';
import { invalidLine } from './dependencies/DEP008-invalid-line.js';
import { inconsistentHashes } from './dependencies/DEP009-inconsistent-hashes.js';
import { missingInclude } from './dependencies/DEP010-missing-include.js';
import { extrasOrMarkersDiffer } from './dependencies/DEP011-extras-or-markers-differ.js';
import { lockPinOutsideRange } from './dependencies/DEP012-lock-pin-outside-range.js';
import { declarationsChangedWithoutLock } from './dependencies/DEP013-declarations-changed-without-lock.js';
import { dropTable } from './migrations/MIG001-drop-table.js';
import { dropColumn } from './migrations/MIG002-drop-column.js';
import { dropSchemaOrDatabase } from './migrations/MIG003-drop-schema-or-database.js';
import { truncateTable } from './migrations/MIG005-truncate-table.js';
import { unboundedDeleteUpdate } from './migrations/MIG006-unbounded-delete-update.js';
import { renameTable } from './migrations/MIG010-rename-table.js';
import { renameColumn } from './migrations/MIG011-rename-column.js';
import { indexWithoutConcurrently } from './migrations/MIG020-index-without-concurrently.js';
import { concurrentlyOutsideAutocommit } from './migrations/MIG021-concurrently-outside-autocommit.js';
import { notNullColumnWithoutDefault } from './migrations/MIG022-not-null-column-without-default.js';
import { setNotNull } from './migrations/MIG023-set-not-null.js';
import { columnTypeChange } from './migrations/MIG024-column-type-change.js';
import { unreadSql } from './migrations/MIG030-unread-sql.js';
import { multipleHeads } from './migrations/MIG100-multiple-heads.js';
import { missingParent } from './migrations/MIG101-missing-parent.js';
import { duplicateRevision } from './migrations/MIG102-duplicate-revision.js';
import { revisionCycle } from './migrations/MIG103-revision-cycle.js';
import { headerOutOfStep } from './migrations/MIG104-header-out-of-step.js';
import { notOnBaseHead } from './migrations/MIG105-not-on-base-head.js';
import { emptyDowngrade } from './migrations/MIG110-empty-downgrade.js';
import { downgradeNotInverse } from './migrations/MIG111-downgrade-not-inverse.js';
import { baselineNotEmpty } from './migrations/MIG120-baseline-not-empty.js';
import { schemaOutsideAlembic } from './migrations/MIG121-schema-outside-alembic.js';
import { unparsableMigration } from './migrations/MIG130-unparsable-migration.js';
import { foreignKeyWithoutNotValid } from './migrations/MIG025-foreign-key-without-not-valid.js';
import { checkWithoutNotValid } from './migrations/MIG026-check-without-not-valid.js';
import { validateInSameTransaction } from './migrations/MIG027-validate-in-same-transaction.js';
import { defaultRewritesTable } from './migrations/MIG028-default-rewrites-table.js';
import { constraintIndexUnderLock } from './migrations/MIG029-constraint-index-under-lock.js';
import { dropIndexWithoutConcurrently } from './migrations/MIG031-drop-index-without-concurrently.js';
import { reindexWithoutConcurrently } from './migrations/MIG032-reindex-without-concurrently.js';
import { refreshViewWithoutConcurrently } from './migrations/MIG033-refresh-view-without-concurrently.js';
import { vacuumFullOrCluster } from './migrations/MIG034-vacuum-full-or-cluster.js';
import { nestedTransaction } from './migrations/MIG035-nested-transaction.js';
import { transactionLeftOpen } from './migrations/MIG036-transaction-left-open.js';
import { missingLockTimeout } from './migrations/MIG037-missing-lock-timeout.js';
import { dropNotNull } from './migrations/MIG038-drop-not-null.js';
import { domainConstraintWithoutNotValid } from './migrations/MIG039-domain-constraint-without-not-valid.js';
import { detachPartitionWithoutConcurrently } from './migrations/MIG040-detach-partition-without-concurrently.js';
import { alembicVersionMissingRule } from './database/DB001-alembic-version-missing.js';
import { unknownVersionRule } from './database/DB002-unknown-version.js';
import { versionsDifferRule } from './database/DB003-versions-differ.js';
import { behindHeadRule } from './database/DB004-behind-head.js';
import { schemaDistanceRule } from './database/DB005-schema-distance.js';
import { autoMigrationsDisabledRule } from './database/DB006-auto-migrations-disabled.js';
import { invalidRecord } from './deploy-record/REC001-invalid-record.js';
import { malformedSha } from './deploy-record/REC002-malformed-sha.js';
import { badDeployedAt } from './deploy-record/REC003-bad-deployed-at.js';
import { unknownCommit } from './deploy-record/REC004-unknown-commit.js';
import { unreachableSha } from './deploy-record/REC005-unreachable-sha.js';
import { handEditedRecord } from './deploy-record/REC006-hand-edited-record.js';
import { lostPin } from './deploy-record/REC007-lost-pin.js';
import { recordContradictsLog } from './deploy-record/REC008-record-contradicts-log.js';
import { malformedLine } from './audit-log/AUD001-malformed-line.js';
import { brokenChain } from './audit-log/AUD002-broken-chain.js';
import { recordBehindLog } from './audit-log/AUD003-record-behind-log.js';
import { blankLine } from './audit-log/AUD004-blank-line.js';
import { rewrittenSinceBase } from './audit-log/AUD005-rewritten-since-base.js';
import { anchorNotInLog } from './audit-log/AUD006-anchor-not-in-log.js';
import { invalidUpdateConfig } from './update/UPD001-invalid-config.js';
import { invalidEnvOverride } from './update/UPD002-invalid-env-override.js';
import { invalidStateFile } from './update/UPD003-invalid-state-file.js';
import { unsignedTagsAllowed } from './update/UPD004-unsigned-tags-allowed.js';
import { unusedSuppression } from './suppressions/SUP001-unused-suppression.js';
import { suppressionWithoutReason } from './suppressions/SUP002-suppression-without-reason.js';
import { expiredWaiver } from './suppressions/SUP003-expired-waiver.js';
import { waiverTooLong } from './suppressions/SUP004-waiver-too-long.js';
import type { AnyRule, RuleFamilyId } from './rule.js';

/**
 * Every rule Slipway knows: a plain list, one import per rule file
 * (`rules/<family-dir>/<id>-<name>.ts`). Add a rule here and nowhere else; its family's runner
 * (`rules/<family-dir>/facts/family.ts`) hands it the family's facts.
 */
export const RULES: readonly AnyRule[] = [
  invalidPolicy,
  stalePattern,
  unknownRuleSetting,
  policyWeakened,
  agentPresetOff,
  protectedWithoutLabel,
  outsideAgentScope,
  agentEditsProtected,
  policySurfaceChanged,
  tooManyFiles,
  tooManyLines,
  tooManyNewDependencies,
  tooManyMigrations,
  tooManyDeletedFiles,
  agentCommitOnProduction,
  agentOutsideLane,
  dependencyChangeOffLane,
  unpinnedRequirement,
  missingLock,
  requirementMissingFromLock,
  versionMismatch,
  unrequiredLockEntry,
  dependencyChangeWithoutLabel,
  duplicatePackage,
  invalidLine,
  inconsistentHashes,
  missingInclude,
  extrasOrMarkersDiffer,
  lockPinOutsideRange,
  declarationsChangedWithoutLock,
  dropTable,
  dropColumn,
  dropSchemaOrDatabase,
  truncateTable,
  unboundedDeleteUpdate,
  renameTable,
  renameColumn,
  indexWithoutConcurrently,
  concurrentlyOutsideAutocommit,
  notNullColumnWithoutDefault,
  setNotNull,
  columnTypeChange,
  unreadSql,
  multipleHeads,
  missingParent,
  duplicateRevision,
  revisionCycle,
  headerOutOfStep,
  notOnBaseHead,
  emptyDowngrade,
  downgradeNotInverse,
  baselineNotEmpty,
  schemaOutsideAlembic,
  unparsableMigration,
  foreignKeyWithoutNotValid,
  checkWithoutNotValid,
  validateInSameTransaction,
  defaultRewritesTable,
  constraintIndexUnderLock,
  dropIndexWithoutConcurrently,
  reindexWithoutConcurrently,
  refreshViewWithoutConcurrently,
  vacuumFullOrCluster,
  nestedTransaction,
  transactionLeftOpen,
  missingLockTimeout,
  dropNotNull,
  domainConstraintWithoutNotValid,
  detachPartitionWithoutConcurrently,
  alembicVersionMissingRule,
  unknownVersionRule,
  versionsDifferRule,
  behindHeadRule,
  schemaDistanceRule,
  autoMigrationsDisabledRule,
  invalidRecord,
  malformedSha,
  badDeployedAt,
  unknownCommit,
  unreachableSha,
  handEditedRecord,
  lostPin,
  recordContradictsLog,
  malformedLine,
  brokenChain,
  recordBehindLog,
  blankLine,
  rewrittenSinceBase,
  anchorNotInLog,
  invalidUpdateConfig,
  invalidEnvOverride,
  invalidStateFile,
  unsignedTagsAllowed,
  unusedSuppression,
  suppressionWithoutReason,
  expiredWaiver,
  waiverTooLong,
];

const byId = new Map(RULES.map((r) => [r.id, r]));
const sorted = [...RULES].sort((a, b) => (a.id < b.id ? -1 : 1));
const ids: ReadonlySet<string> = new Set(byId.keys());

/** Every rule, by id. */
export function allRules(): readonly AnyRule[] {
  return sorted;
}

export function knownRuleIds(): ReadonlySet<string> {
  return ids;
}

/** The rule with this id (any case), if there is one. */
export function findRule(id: string): AnyRule | undefined {
  return byId.get(id.toUpperCase());
}

/** The rules of one family, in registry order. */
export function rulesOf(family: RuleFamilyId): AnyRule[] {
  return RULES.filter((r) => r.family === family);
}
