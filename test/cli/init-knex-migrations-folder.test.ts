import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

/**
 * A Knex project whose migrations folder is not named `migrations/` and that has no knexfile
 * (louislam/uptime-kuma: `db/knex_migrations/`, run by `knex.migrate.latest({ directory })` in
 * its server code). Before, init wrote no migrations section and `check --tree` said nothing
 * recognised was left unjudged, so a dropTable added there passed as "No findings".
 */
const migration = (up: string, down: string) =>
  `exports.up = function (knex) {\n    return knex.schema.${up};\n};\n\nexports.down = function (knex) {\n    return knex.schema.${down};\n};\n`;
const FILES = {
  'package.json': '{ "name": "uptime-kuma", "dependencies": { "knex": "~2.4.2", "pg": "^8.11.0" } }\n',
  'server/database.js': 'await R.knex.migrate.latest({\n    directory: Database.knexMigrationsPath,\n});\n',
  'db/knex_migrations/2023-08-16-0000-create-uptime.js': migration(
    'createTable("monitor", function (table) {\n        table.increments("id");\n    })',
    'dropTable("monitor")',
  ),
};

it('check --tree lists the folder as not judged; init proposes it; a dropTable added there is judged', () => {
  const repo = new TempRepo({ ...FILES, 'slipway.yaml': 'version: 1\n' });
  try {
    repo.commit('project');
    const before = slipway(['check', '--tree'], { cwd: repo.dir });
    expect(before.stdout).toContain(
      'not judged: 1 Knex migration (db/knex_migrations/2023-08-16-0000-create-uptime.js)',
    );
    repo.remove('slipway.yaml');
    const init = slipway(['init'], { cwd: repo.dir });
    expect([init.code, init.stderr]).toEqual([0, '']);
    expect(readFileSync(join(repo.dir, 'slipway.yaml'), 'utf8')).toContain('knex: "db/knex_migrations"');
    repo.commit('slipway init');
    const dropped = 'db/knex_migrations/2025-01-01-0000-drop-monitor.js';
    repo.write({
      [dropped]: migration(
        'dropTable("monitor")',
        'createTable("monitor", function (table) {\n        table.increments("id");\n    })',
      ),
    });
    repo.commit('drop monitor');
    const run = slipway(['check', '--tree', '--format', 'json'], { cwd: repo.dir });
    const findings = (JSON.parse(run.stdout) as { findings: { rule: string; file: string }[] }).findings;
    expect(findings.map((f) => `${f.rule} ${f.file}`)).toContain(`MIG001 ${dropped}`);
  } finally {
    repo.dispose();
  }
});
