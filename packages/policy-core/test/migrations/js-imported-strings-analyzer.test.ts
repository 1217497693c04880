import { MemoryRepo, MigrationAnalyzer } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initSqlParser } from '../../src/index.js';

// A migration reads an enum from another module: the analyzer, which keeps each migration's facts
// by its text, reads it again when that module changes (the editor's next check is never stale).
describe('a migration whose imported enum changes', () => {
  beforeAll(() => initSqlParser());
  const migration = `import { Kind } from "../entities/kind";
export class Seed1700000000001 {
  async up(queryRunner) { await queryRunner.query(\`INSERT INTO notes (kind) VALUES ('\${Kind.A}')\`); }
  async down(queryRunner) {}
}
`;
  const opsWith = (analyzer: MigrationAnalyzer, kind: string | undefined) => {
    const files: Record<string, string> = { 'src/migrations/1700000000001-Seed.ts': migration };
    if (kind !== undefined)
      files['src/entities/kind.ts'] = `export enum Kind { A = ${JSON.stringify(kind)} }\n`;
    const analysis = analyzer.analyze(new MemoryRepo(files), {
      alembic: [],
      sqlFiles: [],
      typeorm: ['src/migrations'],
    });
    return analysis.trees[0]?.modules[0]?.upgrade?.ops.map((o) => [o.kind, o.table ?? '']);
  };

  it('is read again with the new value, and unread once the module is gone', () => {
    const analyzer = new MigrationAnalyzer();
    expect(opsWith(analyzer, 'plain')).toEqual([['other', '']]);
    expect(opsWith(analyzer, "x'); DROP TABLE accounts; --")).toEqual([
      ['other', ''],
      ['drop_table', 'accounts'],
    ]);
    expect(opsWith(analyzer, undefined)).toEqual([['unread_sql', '']]);
    expect(opsWith(analyzer, 'plain')).toEqual([['other', '']]);
  });
});
