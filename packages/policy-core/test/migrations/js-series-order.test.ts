import { MemoryRepo, MigrationAnalyzer } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/** The order a Knex or TypeORM series runs in, as each tool orders its files (js-tree.ts). */
describe('series order', () => {
  const cls = (name: string) =>
    `export class ${name} { async up(queryRunner) { await queryRunner.query("SELECT 1"); } async down(queryRunner) {} }\n`;
  it('TypeORM runs by the timestamp ending the class name, not by file name; Knex by file name', () => {
    const repo = new MemoryRepo({
      // File names sort a-, b-; the timestamps say b first.
      'src/migrations/a-Later.ts': cls('Later1700000000002'),
      'src/migrations/b-Earlier.ts': cls('Earlier1700000000001'),
      'db/migrations/20240101_b.js': 'exports.up = async () => {};\nexports.down = async () => {};\n',
      'db/migrations/20240101_a.js': 'exports.up = async () => {};\nexports.down = async () => {};\n',
    });
    const analysis = new MigrationAnalyzer().analyze(repo, {
      alembic: [],
      sqlFiles: [],
      knex: ['db/migrations'],
      typeorm: ['src/migrations'],
    });
    const chain = (root: string) =>
      Object.fromEntries(
        (analysis.trees.find((t) => t.root === root)?.modules ?? []).map((m) => [
          m.revision?.value,
          m.downRevision?.values ?? [],
        ]),
      );
    expect(chain('src/migrations')).toEqual({
      Earlier1700000000001: [],
      Later1700000000002: ['Earlier1700000000001'],
    });
    expect(chain('db/migrations')).toEqual({ '20240101_a.js': [], '20240101_b.js': ['20240101_a.js'] });
  });
});
