import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { recordSpawns, type SpawnRecorder } from '../helpers/spawn-recorder.js';
import { outside } from './hostile-repo.js';

/**
 * A hostile Knex/TypeORM/Sequelize project: its knexfile, data source and .sequelizerc are programs that, if required,
 * write a marker outside the repository and start npm. `slipway init` and `check --tree` read
 * them (the folders they name are proposed and judged: the near miss that proves they were read)
 * and run none of them: the marker is absent and the npm shim logged nothing. One repository, one
 * init and one check for every case (the CLI is what a user runs; nothing else could require them).
 */

const MARKER = join(outside, 'knexfile-ran');
const payload = (what: string) =>
  `require("fs").writeFileSync(${JSON.stringify(MARKER)}, ${JSON.stringify(what)});\ntry { require("child_process").execFileSync("npm", ["--version"]); } catch {}\n`;
const KNEXFILE = `${payload('knexfile')}module.exports = {\n  client: "pg",\n  migrations: { directory: "./db/migrations", disableTransactions: true },\n};\n`;
const SEQUELIZERC = `${payload('sequelizerc')}const path = require("path");\nmodule.exports = { "migrations-path": path.resolve("db", "seq") };\n`;
const DATA_SOURCE = `${payload('data source')}const { DataSource } = require("typeorm");\nmodule.exports = new DataSource({ type: "postgres", migrations: ["src/migrations/*.js"] });\n`;

let repo: TempRepo;
let npm: SpawnRecorder;
let init: { code: number; stdout: string; stderr: string };
let check: { code: number; stdout: string; stderr: string };
let policy: string;

beforeAll(() => {
  // `outside` is shared by the hostile files a worker runs; an earlier file's end removed it.
  mkdirSync(outside, { recursive: true });
  rmSync(MARKER, { force: true });
  npm = recordSpawns(['npm']);
  repo = new TempRepo({
    'package.json': '{ "dependencies": { "knex": "^3.1.0", "typeorm": "^0.3.0" } }\n',
    'knexfile.js': KNEXFILE,
    'db/migrations/20240101000000_users.js':
      'exports.up = (knex) => knex.schema.createTable("users", (t) => { t.increments("id"); });\nexports.down = (knex) => knex.schema.dropTable("users");\n',
    'data-source.js': DATA_SOURCE,
    '.sequelizerc': SEQUELIZERC,
    'db/seq/20240101000000-create-tokens.js':
      "module.exports = {\n  async up(queryInterface) { await queryInterface.createTable('tokens', {}); },\n  async down(queryInterface) { await queryInterface.dropTable('tokens'); },\n};\n",
    'src/migrations/1704067200000-Tokens.js':
      'module.exports = class Tokens1704067200000 {\n  async up(queryRunner) { await queryRunner.query("CREATE TABLE tokens (id int)"); }\n  async down(queryRunner) { await queryRunner.query("DROP TABLE tokens"); }\n};\n',
  });
  repo.commit('project');
  const env = npm.env() as Record<string, string>;
  init = slipway(['init'], { cwd: repo.dir, env });
  policy = readFileSync(join(repo.dir, 'slipway.yaml'), 'utf8');
  repo.write({
    'db/migrations/20240202000000_drop.js':
      'exports.up = (knex) => knex.schema.dropTable("users");\nexports.down = () => {};\n',
  });
  repo.commit('drop');
  check = slipway(['check', '--tree', '--format', 'json'], { cwd: repo.dir, env });
});

afterAll(() => {
  repo?.dispose();
  npm?.dispose();
  rmSync(MARKER, { force: true });
});

describe('a knexfile, a data source and a .sequelizerc that run code when required', () => {
  it('init and check ran neither: no marker, no npm', () => {
    expect([init.code, init.stderr]).toEqual([0, '']);
    expect(check.stderr).toBe('');
    expect(existsSync(MARKER)).toBe(false);
    expect(npm.calls()).toEqual([]);
  });

  it('near miss: their literals were read: both folders proposed, protected, and judged', () => {
    expect(policy).toMatch(/^ {2}knex: "db\/migrations"$/m);
    expect(policy).toMatch(/^ {2}typeorm: "src\/migrations"$/m);
    expect(policy).toMatch(/^ {2}sequelize: "db\/seq"$/m);
    for (const p of [
      'knexfile.js',
      'data-source.js',
      '.sequelizerc',
      'db/migrations/',
      'src/migrations/',
      'db/seq/',
    ])
      expect(policy).toContain(`- ${JSON.stringify(p)}`);
    expect(init.stdout).toMatch(
      /db\/migrations: 1 Knex migration \(knexfile\.js names it, disableTransactions: true/,
    );
    const findings = (JSON.parse(check.stdout) as { findings: { rule: string; file: string }[] }).findings;
    expect(findings.filter((f) => f.rule === 'MIG001').map((f) => f.file)).toEqual([
      'db/migrations/20240202000000_drop.js',
    ]);
  });

  it('the measure can see a run: the same knexfile, run by node, writes the marker', () => {
    execFileSync(process.execPath, [join(repo.dir, 'knexfile.js')], { env: npm.env() });
    expect(readFileSync(MARKER, 'utf8')).toBe('knexfile');
    expect(npm.calls().map((c) => c.program)).toEqual(['npm']);
  });
});
