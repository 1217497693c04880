import type { MigFacts, MigrationFile } from './mig-facts.js';

/** Every file the per-file rules judge, for history rules that judge file by file with the policy in hand. */
export function reportFiles(facts: MigFacts): MigrationFile[] {
  return [
    ...facts.reportModules.map(({ module }): MigrationFile => ({ kind: 'module', module })),
    ...facts.reportSqlFiles.map((file): MigrationFile => ({ kind: 'sql', file })),
  ];
}
