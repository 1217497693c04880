import type { DbAuditInput, DbHit } from '../../db/audit-input.js';
import type { RuleMeta } from '../rule.js';
import { alembicVersionMissing, alembicVersionMissingRule } from './DB001-alembic-version-missing.js';
import { autoMigrationsDisabledRule } from './DB006-auto-migrations-disabled.js';
import { behindHead, behindHeadRule } from './DB004-behind-head.js';
import { schemaDistance, schemaDistanceRule } from './DB005-schema-distance.js';
import { unknownVersion, unknownVersionRule } from './DB002-unknown-version.js';
import { versionsDiffer, versionsDifferRule } from './DB003-versions-differ.js';

/** The DB family's rules, for `slipway explain`, docs and the rule registry. */
export const databaseRules: RuleMeta[] = [
  alembicVersionMissingRule,
  unknownVersionRule,
  versionsDifferRule,
  behindHeadRule,
  schemaDistanceRule,
  autoMigrationsDisabledRule,
];

/** Every DB check, in rule-id order. */
export const databaseChecks: ((input: DbAuditInput) => DbHit[])[] = [
  alembicVersionMissing,
  unknownVersion,
  versionsDiffer,
  behindHead,
  schemaDistance,
];
