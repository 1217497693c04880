import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

/**
 * An Alembic app that only ever runs on SQLite, written in the layout such apps use
 * (sqlite-app/sqlite-only/README.md: a `sqlite+aiosqlite://` URL in alembic.ini, batch mode in
 * env.py, columns changed through batch_alter_table). Through the built CLI in a real git repository: init reads
 * the dialect from alembic.ini; the untouched tree has no finding; an agent's table rebuild
 * (PRAGMA, rename away, create, copy, drop, and the same back in downgrade: SQLite's only way
 * to change a column) draws no finding, and its new destructive revision draws exactly the
 * lost-data finding, with no PostgreSQL lock advice. The same change judged as PostgreSQL's
 * gets that advice: the dialect is what silences it.
 */
const FIXTURE = fileURLToPath(new URL('./sqlite-app/sqlite-only/', import.meta.url));
const PLANTED = fileURLToPath(new URL('./sqlite-app/planted/', import.meta.url));
const VERSIONS = 'migrations/versions';
const REBUILD = `${VERSIONS}/2026_11_25_120000_aa11bb22cc33_flow_run_state_name_not_null.py`;
const DROP = `${VERSIONS}/2026_11_25_130000_dd44ee55ff66_drop_state_name.py`;

const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
});

type Json = { findings: { rule: string; file: string }[] };
const keys = (stdout: string) => (JSON.parse(stdout) as Json).findings.map((f) => `${f.rule} ${f.file}`);

describe('init on a SQLite-only Alembic app', () => {
  it('no PostgreSQL advice, the batch rebuild understood, a new drop caught', () => {
    const repo = new TempRepo({});
    repos.push(repo);
    cpSync(FIXTURE, repo.dir, { recursive: true, filter: (src) => !src.endsWith('README.md') });
    repo.commit('the SQLite history');
    const run = (...args: string[]) => slipway(args, { cwd: repo.dir });

    const init = run('init');
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr + init.stdout).toContain('database: sqlite (from alembic.ini)');
    const policyPath = join(repo.dir, 'slipway.yaml');
    expect(readFileSync(policyPath, 'utf8')).toMatch(/^ {2}dialect: sqlite\b/m);
    repo.commit('adopt slipway');
    const clean = run('check', '--tree', '--format', 'json');
    expect(keys(clean.stdout)).toEqual([]);
    expect(clean.code).toBe(0);

    repo.git('checkout', '-q', '-b', 'auto/state-name');
    repo.write({ [REBUILD]: readFileSync(join(PLANTED, 'rebuild.py'), 'utf8') });
    repo.commit('flow_run_state.name NOT NULL');
    const rebuilt = run('check', '--base', 'main', '--rule', 'MIG', '--format', 'json');
    expect(keys(rebuilt.stdout)).toEqual([]);
    expect(rebuilt.code).toBe(0);

    repo.write({ [DROP]: readFileSync(join(PLANTED, 'drop-column.py'), 'utf8') });
    repo.commit('drop task_run.state_name');
    const caught = run('check', '--base', 'main', '--rule', 'MIG', '--format', 'json');
    expect(keys(caught.stdout)).toEqual([`MIG002 ${DROP}`]);
    expect(caught.code).toBe(1);

    // Near miss: the same tree judged as PostgreSQL's draws the lock advice SQLite is spared.
    writeFileSync(
      policyPath,
      readFileSync(policyPath, 'utf8').replace('dialect: sqlite', 'dialect: postgresql'),
    );
    const asPostgres = keys(run('check', '--tree', '--rule', 'MIG', '--format', 'json').stdout);
    expect(asPostgres).toContain(`MIG002 ${DROP}`);
    expect(asPostgres).toContain(`MIG037 ${DROP}`);
  });
});
