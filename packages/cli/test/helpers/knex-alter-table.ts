import { MemoryRepo, MigrationAnalyzer, type SchemaOp } from '@slipway/policy-core';
import { loadJsRenderers } from '../../src/trace/js-renderers.js';

const renderers = await loadJsRenderers();

/**
 * One Knex `alterTable` call read two ways, for the oracle tests that hold Slipway's Knex reader
 * to Knex itself: the ops Slipway reads from `call`, and the SQL Knex 3 (installed beside the
 * CLI) writes for PostgreSQL from the same builder steps. `table` and `schema` as written
 * (`'users'`, `knex.schema.withSchema('s')`).
 */
export function knexAlterTable(
  call: string,
  table = "'users'",
  schema = 'knex.schema',
): { ops: SchemaOp[]; sql: string[] } {
  const up = `exports.up = async (knex) => {\n  await ${schema}.alterTable(${table}, (t) => { ${call}; });\n};\n`;
  const repo = new MemoryRepo({ 'db/migrations/1_a.js': up });
  const analysis = new MigrationAnalyzer().analyze(repo, {
    alembic: [],
    sqlFiles: [],
    knex: ['db/migrations'],
  });
  const module = analysis.trees[0]?.modules[0];
  if (!renderers.knex) throw new Error(`no Knex: ${renderers.knexMissing}`);
  const sql = (module?.jsBuilders ?? []).flatMap((c) =>
    c.steps.flatMap((s) => {
      const out = renderers.knex?.(s);
      return out && 'sql' in out ? out.sql : [];
    }),
  );
  return { ops: module?.upgrade?.ops ?? [], sql };
}
