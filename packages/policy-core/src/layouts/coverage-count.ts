import type { FamilyResult } from '../rule.js';
import type { Coverage } from './coverage.js';

/**
 * What one family's run adds to the coverage: the files it read, and how many of them its rules
 * only searched beside what it judges as its own (FamilyResult.searched), which the line says
 * apart: louislam/uptime-kuma's 55 Knex migrations and the 55 .sql files MIG121 searched outside
 * them read "MIG 110" otherwise, as if 110 migrations had been judged.
 */
export function countCoverage(coverage: Coverage, family: string, result: FamilyResult): void {
  const read = new Set(result.filesChecked);
  if (read.size === 0) return;
  coverage.judged[family] = (coverage.judged[family] ?? 0) + read.size;
  const searched = new Set((result.searched ?? []).filter((f) => read.has(f))).size;
  if (searched > 0)
    coverage.searched = { ...coverage.searched, [family]: (coverage.searched?.[family] ?? 0) + searched };
}
