import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSqlParser, MemoryRepo, MigrationAnalyzer, type SchemaOp } from '@slipway/policy-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithData } from './corpus-dir.js';

/**
 * Real Knex histories (Backstage's catalog and scaffolder backends, as their npm packages ship
 * them: scripts/fetch-knex-corpus.sh), Slipway's Knex reader against an oracle that is not built
 * on it: Knex 3 runs each migration's `up` on its own builders for PostgreSQL, with no database
 * (scripts/knex-oracle.cjs), and Slipway's SQL reader says which tables and columns those
 * statements make, drop or rename. Every such change Knex would run must be one the JS reader
 * read. The reader may read more: it reads every dialect's branch (`if (isMySQL)`), and the
 * oracle stops where a migration reads rows it cannot answer.
 */
const ORACLE = fileURLToPath(new URL('../../scripts/knex-oracle.cjs', import.meta.url));
const CACHE = join(process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'), 'knex');
const HISTORIES = join(CACHE, 'histories');
const KINDS = new Set([
  'create_table',
  'drop_table',
  'rename_table',
  'add_column',
  'drop_column',
  'rename_column',
]);
const key = (o: SchemaOp) =>
  `${o.kind} ${(o.table ?? '?').toLowerCase()}${o.column ? `.${o.column.toLowerCase()}` : ''}`;
const keys = (ops: readonly SchemaOp[]) => new Set(ops.filter((o) => KINDS.has(o.kind)).map(key));

const out = mkdtempSync(join(tmpdir(), 'knex-oracle-'));
beforeAll(() => initSqlParser());
afterAll(() => rmSync(out, { recursive: true, force: true }));

describeWithData(
  'Knex histories against Knex itself',
  HISTORIES,
  () => {
    let agreed = 0;
    for (const name of ['_backstage+plugin-catalog-backend', '_backstage+plugin-scaffolder-backend'])
      it(`${name}: every table and column change Knex runs is one the reader read`, () => {
        const folder = join(HISTORIES, name);
        const sqlDir = join(out, name);
        execFileSync(process.execPath, [ORACLE, join(CACHE, 'oracle'), folder, sqlDir], { stdio: 'pipe' });
        const names = readdirSync(folder)
          .filter((f) => f.endsWith('.js'))
          .sort();
        const files: Record<string, string> = {};
        for (const f of names) {
          files[`db/${f}`] = readFileSync(join(folder, f), 'utf8');
          files[`oracle/${f}.sql`] = readFileSync(join(sqlDir, `${f}.sql`), 'utf8');
        }
        const analysis = new MigrationAnalyzer().analyze(new MemoryRepo(files), {
          alembic: [],
          sqlFiles: names.map((f) => `oracle/${f}.sql`),
          knex: ['db'],
        });
        const modules = analysis.trees[0]?.modules ?? [];
        expect(modules.map((m) => m.path.slice(3))).toEqual(names);
        const missing: string[] = [];
        for (const m of modules) {
          const f = m.path.slice(3);
          expect(m.syntaxError, f).toBeUndefined();
          const read = keys(m.upgrade?.ops ?? []);
          const ran = keys(analysis.sqlFiles.find((s) => s.path === `oracle/${f}.sql`)?.ops ?? []);
          for (const k of ran) {
            if (read.has(k)) agreed++;
            else missing.push(`${f}: ${k}`);
          }
        }
        expect(missing).toEqual([]);
        // Not vacuous: the histories make and change tables the oracle saw.
        expect(agreed).toBeGreaterThan(name.includes('catalog') ? 30 : 40);
      });
  },
  `no Knex corpus at ${HISTORIES} (run scripts/fetch-knex-corpus.sh)`,
);
