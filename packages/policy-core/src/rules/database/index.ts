import type { DbAuditInput, DbHit } from '../../db/audit-input.js';
import type { RuleMeta } from '../rule.js';
import { alembicVersionMissing, alembicVersionMissingRule } from './alembic-version-missing.js';
import { autoMigrationsDisabledRule } from './auto-migrations-disabled.js';
import { behindHead, behindHeadRule } from './behind-head.js';
import { schemaDistance, schemaDistanceRule } from './schema-distance.js';
import { unknownVersion, unknownVersionRule } from './unknown-version.js';
import { versionsDiffer, versionsDifferRule } from './versions-differ.js';

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
