import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

/**
 * A project of plain SQL migrations kept beside the scripts run by hand on a database, written in
 * the layout some services use (sql-project/admin-updates/README.md). Through the built CLI in a real git
 * repository: init proposes only the folder of dated updates, never the create, drop, reset or
 * test-database scripts beside it; the untouched tree has no finding; a new update that drops a
 * table is caught, and an admin script an agent adds is not read as a migration.
 */
const FIXTURE = fileURLToPath(new URL('./sql-project/admin-updates/', import.meta.url));

const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
});

describe('init on a plain-SQL project with admin scripts beside its migrations', () => {
  it('proposes only the updates folder, finds nothing on the untouched tree, catches a new drop', () => {
    const repo = new TempRepo({});
    repos.push(repo);
    cpSync(FIXTURE, repo.dir, { recursive: true, filter: (src) => !src.endsWith('README.md') });
    repo.commit('years of schema updates');
    const run = (...args: string[]) => slipway(args, { cwd: repo.dir });

    const init = run('init');
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr + init.stdout).toContain(
      'admin/sql/: admin scripts (4 .sql files run by hand), not migrations; admin/sql/updates/ holds its dated schema updates',
    );
    const policy = readFileSync(join(repo.dir, 'slipway.yaml'), 'utf8');
    expect(policy).toContain('    - "admin/sql/updates/**/*.sql"\n');
    expect(policy).not.toMatch(/create_db|drop_db|reset_tables|create_test_db|"admin\/sql\/\*\*/);
    repo.commit('adopt slipway');

    const clean = run('check', '--tree', '--format', 'json');
    expect(JSON.parse(clean.stdout).findings).toEqual([]);
    expect(clean.code).toBe(0);

    // A new dated update drops a table: caught. A new admin script doing the same is not a migration.
    repo.git('checkout', '-q', '-b', 'auto/drop-settings');
    repo.write({
      'admin/sql/updates/2026-11-25-drop-user-setting.sql': 'BEGIN;\n\nDROP TABLE user_setting;\n\nCOMMIT;\n',
      'admin/sql/drop_tables.sql': 'DROP TABLE IF EXISTS user_setting CASCADE;\n',
    });
    repo.commit('drop user_setting');
    const caught = run('check', '--base', 'main', '--rule', 'MIG', '--format', 'json');
    expect(
      (JSON.parse(caught.stdout).findings as { rule: string; file: string }[]).map(
        (f) => `${f.rule} ${f.file}`,
      ),
    ).toEqual([
      'MIG001 admin/sql/updates/2026-11-25-drop-user-setting.sql',
      'MIG037 admin/sql/updates/2026-11-25-drop-user-setting.sql',
    ]);
    expect(caught.code).toBe(1);
  });
});
