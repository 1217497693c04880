import type { Range, RelatedLocation } from '../../../finding.js';
import type { MigrationModule } from '../../../migrations/alembic-module.js';
import { ZERO_RANGE } from '../../../finding.js';

/** The `revision = "..."` value of a module, the place graph findings point at. */
export function revisionRange(m: MigrationModule): Range {
  return m.revision?.range ?? m.revisionDynamic ?? ZERO_RANGE;
}

export function revisionRelated(m: MigrationModule, message: string): RelatedLocation {
  return { file: m.path, range: revisionRange(m), message };
}
