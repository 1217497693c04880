import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  initSqlParser,
  MemoryRepo,
  MigrationAnalyzer,
  planSource,
  type SchemaOp,
} from '@slipway/policy-core';
import { loadJsRenderers } from '../../packages/cli/src/trace/js-renderers.js';
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

    // What `slipway trace` runs for each migration (its literal SQL, and the schema calls Knex
    // renders from what the reader kept: knex-renderer.ts) against what Knex runs when the
    // migration itself runs (the oracle). Read back by the SQL reader, the tables and columns
    // they make, drop or rename must be the same, both ways, wherever trace rendered every step;
    // where it could not (a loop, a helper), what it rendered is still a part of what Knex ran.
    for (const name of ['_backstage+plugin-catalog-backend', '_backstage+plugin-scaffolder-backend'])
      it(`${name}: what trace renders is what Knex runs`, async () => {
        const renderers = await loadJsRenderers();
        expect(renderers.knexMissing).toBeUndefined();
        const folder = join(HISTORIES, name);
        const sqlDir = join(out, `${name}-trace`);
        execFileSync(process.execPath, [ORACLE, join(CACHE, 'oracle'), folder, sqlDir], { stdio: 'pipe' });
        const names = readdirSync(folder)
          .filter((f) => f.endsWith('.js'))
          .sort();
        const files: Record<string, string> = {};
        for (const f of names) files[`db/${f}`] = readFileSync(join(folder, f), 'utf8');
        const modules =
          new MigrationAnalyzer().analyze(new MemoryRepo(files), { alembic: [], sqlFiles: [], knex: ['db'] })
            .trees[0]?.modules ?? [];
        const sql: Record<string, string> = {};
        let whole = 0;
        let rendered = 0;
        let unrendered = 0;
        for (const m of modules) {
          const f = m.path.slice(3);
          const plan = planSource(
            { path: m.path, text: files[m.path] as string, jsModule: m },
            undefined,
            undefined,
            renderers,
          );
          const builders = plan.notTraced.filter((n) => n.reason.startsWith('a Knex builder call'));
          unrendered += builders.length;
          rendered += (m.jsBuilders ?? []).length;
          if (builders.length === 0) whole++;
          sql[`trace/${f}.sql`] = plan.statements.map((s) => `${s.sql};\n`).join('');
          sql[`oracle/${f}.sql`] = readFileSync(join(sqlDir, `${f}.sql`), 'utf8');
          sql[`whole/${f}`] = builders.length === 0 ? 'yes' : 'no';
        }
        const analysis = new MigrationAnalyzer().analyze(new MemoryRepo(sql), {
          alembic: [],
          sqlFiles: Object.keys(sql).filter((p) => p.endsWith('.sql')),
        });
        const opsOf = (path: string) => keys(analysis.sqlFiles.find((s) => s.path === path)?.ops ?? []);
        const differences: string[] = [];
        let stoppedEarly = 0;
        for (const m of modules) {
          const f = m.path.slice(3);
          const [traced, ran] = [opsOf(`trace/${f}.sql`), opsOf(`oracle/${f}.sql`)];
          // Where the migration stopped under the oracle (it reads rows, or opens a connection of
          // its own, which the oracle cannot answer), Knex ran only a beginning of it.
          const stopped = (sql[`oracle/${f}.sql`] as string).includes('-- oracle: up threw');
          if (stopped) stoppedEarly++;
          else
            for (const k of traced) if (!ran.has(k)) differences.push(`${f}: trace ran ${k}, Knex did not`);
          if (sql[`whole/${f}`] === 'yes')
            for (const k of ran) if (!traced.has(k)) differences.push(`${f}: Knex ran ${k}, trace did not`);
        }
        expect(differences).toEqual([]);
        // Not vacuous: most calls render, and most migrations are traced whole.
        expect(rendered).toBeGreaterThan(4 * unrendered);
        expect(whole).toBeGreaterThan(modules.length * 0.7);
        expect(stoppedEarly).toBeLessThan(modules.length / 3);
      });
  },
  `no Knex corpus at ${HISTORIES} (run scripts/fetch-knex-corpus.sh)`,
);
