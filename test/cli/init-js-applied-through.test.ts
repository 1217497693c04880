import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ChangeSet,
  initMigrationParsers,
  migrationFamily,
  parsePolicyText,
  renderPolicy,
  runCheck,
} from '@slipway/policy-core';
import { detect, openRepo } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

/**
 * Issue 51, "applied history as for Alembic": `slipway init` on a Knex, TypeORM, Sequelize or
 * Kysely project takes what is committed as already run (one `applied_through` entry per series,
 * its last migration in the tool's own order), so the first `check --tree` does not judge a
 * dropTable of two years ago; a migration added after init is judged. One real git repository per
 * tool in that tool's layout; init and the check in-process (detect and renderPolicy are init's
 * reading, the engine is check's), and one end-to-end pass of the CLI's init and check --tree on the Knex one.
 */
beforeAll(() => initMigrationParsers());

// Each migration with a down that undoes it (an empty one is a finding of its own, MIG110).
const knex = (up: string, down: string) =>
  `exports.up = (knex) => knex.schema.${up};\nexports.down = (knex) => knex.schema.${down};\n`;
const typeorm = (name: string, up: string, down: string) =>
  `import { MigrationInterface, QueryRunner } from "typeorm";\nexport class ${name} implements MigrationInterface {\n  async up(queryRunner: QueryRunner): Promise<void> { await queryRunner.query("${up}"); }\n  async down(queryRunner: QueryRunner): Promise<void> { await queryRunner.query("${down}"); }\n}\n`;
const sequelize = (up: string, down: string) =>
  `'use strict';\nmodule.exports = {\n  async up(queryInterface, Sequelize) { await queryInterface.${up}; },\n  async down(queryInterface, Sequelize) { await queryInterface.${down}; },\n};\n`;
const kysely = (up: string, down: string) =>
  `import { Kysely } from "kysely";\nexport async function up(db: Kysely<any>): Promise<void> { await db.schema.${up}.execute(); }\nexport async function down(db: Kysely<any>): Promise<void> { await db.schema.${down}.execute(); }\n`;
const KNEX_TABLE = (t: string) => `createTable("${t}", (t) => { t.increments("id"); })`;
const SQL_TABLE = (t: string) => `CREATE TABLE ${t} (id int)`;
const SEQUELIZE_TABLE = (t: string) => `createTable('${t}', { id: { type: Sequelize.INTEGER } })`;
const KYSELY_TABLE = (t: string) => `createTable("${t}").addColumn("id", "integer")`;

interface Project {
  tool: string;
  /** The project as committed before init: old migrations, destructive among them. */
  files: Record<string, string>;
  /** The series' last migration in the tool's order: init's applied_through. */
  last: string;
  /** A migration added after init that changes nothing already there (near miss). */
  safe: Record<string, string>;
  /** A migration added after init that drops a table. */
  drop: Record<string, string>;
}

const PROJECTS: Project[] = [
  {
    tool: 'Knex',
    files: {
      'package.json': '{ "dependencies": { "knex": "^3.1.0", "pg": "^8.11.0" } }\n',
      'knexfile.js':
        'module.exports = { client: "pg", connection: process.env.DATABASE_URL, migrations: { directory: "./db/migrations" } };\n',
      'db/migrations/20220101000000_legacy.js': knex(KNEX_TABLE('legacy'), 'dropTable("legacy")'),
      'db/migrations/20220301000000_drop_legacy.js': knex('dropTable("legacy")', KNEX_TABLE('legacy')),
      'db/migrations/20230101000000_users.js': knex(KNEX_TABLE('users'), 'dropTable("users")'),
    },
    last: 'db/migrations/20230101000000_users.js',
    safe: { 'db/migrations/20250101000000_audit.js': knex(KNEX_TABLE('audit'), 'dropTable("audit")') },
    drop: { 'db/migrations/20250201000000_drop_users.js': knex('dropTable("users")', KNEX_TABLE('users')) },
  },
  {
    // TypeORM runs by the timestamp ending the class name: `zz-…` is its FIRST migration, though
    // its file name sorts last (by file name, init would take only it as run).
    tool: 'TypeORM',
    files: {
      'package.json': '{ "dependencies": { "typeorm": "^0.3.20", "pg": "^8.11.0" } }\n',
      'src/data-source.ts':
        'import { DataSource } from "typeorm";\nexport const AppDataSource = new DataSource({ type: "postgres", url: process.env.DATABASE_URL, migrations: ["src/migrations/*.ts"] });\n',
      'src/migrations/zz-Legacy.ts': typeorm('Legacy1640000000000', SQL_TABLE('legacy'), 'DROP TABLE legacy'),
      'src/migrations/1650000000000-DropLegacy.ts': typeorm(
        'DropLegacy1650000000000',
        'DROP TABLE legacy',
        SQL_TABLE('legacy'),
      ),
      'src/migrations/1660000000000-Users.ts': typeorm(
        'Users1660000000000',
        SQL_TABLE('users'),
        'DROP TABLE users',
      ),
    },
    last: 'src/migrations/1660000000000-Users.ts',
    safe: {
      'src/migrations/1700000000000-Audit.ts': typeorm(
        'Audit1700000000000',
        SQL_TABLE('audit'),
        'DROP TABLE audit',
      ),
    },
    drop: {
      'src/migrations/1710000000000-DropUsers.ts': typeorm(
        'DropUsers1710000000000',
        'DROP TABLE users',
        SQL_TABLE('users'),
      ),
    },
  },
  {
    tool: 'Sequelize',
    files: {
      'package.json': '{ "dependencies": { "sequelize": "^6.37.0", "sequelize-cli": "^6.6.0" } }\n',
      '.sequelizerc':
        'const path = require("path");\nmodule.exports = { "migrations-path": path.resolve("db", "migrations") };\n',
      'db/migrations/20220101000000-legacy.js': sequelize(SEQUELIZE_TABLE('legacy'), "dropTable('legacy')"),
      'db/migrations/20220301000000-drop-legacy.js': sequelize(
        "dropTable('legacy')",
        SEQUELIZE_TABLE('legacy'),
      ),
      'db/migrations/20230101000000-users.js': sequelize(SEQUELIZE_TABLE('users'), "dropTable('users')"),
    },
    last: 'db/migrations/20230101000000-users.js',
    safe: {
      'db/migrations/20250101000000-audit.js': sequelize(SEQUELIZE_TABLE('audit'), "dropTable('audit')"),
    },
    drop: {
      'db/migrations/20250201000000-drop-users.js': sequelize("dropTable('users')", SEQUELIZE_TABLE('users')),
    },
  },
  {
    tool: 'Kysely',
    files: {
      'package.json': '{ "dependencies": { "kysely": "^0.27.0", "pg": "^8.11.0" } }\n',
      'src/migrations/2022-01-01-legacy.ts': kysely(KYSELY_TABLE('legacy'), 'dropTable("legacy")'),
      'src/migrations/2022-03-01-drop-legacy.ts': kysely('dropTable("legacy")', KYSELY_TABLE('legacy')),
      'src/migrations/2023-01-01-users.ts': kysely(KYSELY_TABLE('users'), 'dropTable("users")'),
    },
    last: 'src/migrations/2023-01-01-users.ts',
    safe: { 'src/migrations/2025-01-01-audit.ts': kysely(KYSELY_TABLE('audit'), 'dropTable("audit")') },
    drop: { 'src/migrations/2025-02-01-drop-users.ts': kysely('dropTable("users")', KYSELY_TABLE('users')) },
  },
];

const repos = new Map<string, { repo: TempRepo; policy: string; decisions: string[] }>();
afterAll(() => {
  for (const { repo } of repos.values()) repo.dispose();
});

beforeAll(() => {
  for (const p of PROJECTS) {
    // Staged, as check --tree lists them (git's index); no commit: few git processes on 2 cores.
    const repo = new TempRepo(p.files);
    repo.git('add', '-A');
    // What init proposes for the files on disk (its reader), and the policy it writes.
    const found = detect(repo.dir, Object.keys(p.files));
    repos.set(p.tool, { repo, policy: renderPolicy(found, 'main'), decisions: found.decisions });
  }
});

/** The migration findings of the tree at `dir` as `check --tree` (or, with `change`, the gate) judges it. */
async function check(dir: string, policyText: string, change?: ChangeSet) {
  const policy = parsePolicyText(policyText, 'slipway.yaml').document;
  if (!policy) throw new Error(`policy did not parse:\n${policyText}`);
  const result = runCheck({
    policy,
    repo: await openRepo(dir),
    families: [migrationFamily],
    ...(change ? { change } : {}),
  });
  return { findings: result.findings.map((f) => `${f.rule} ${f.file}`), notes: result.scope.notes };
}

describe.each(PROJECTS)('$tool: init takes the committed series as run', (p) => {
  it('writes one applied_through entry, the last migration in the tool order, said in one line', () => {
    const { policy, decisions } = repos.get(p.tool) ?? expect.fail('no repository');
    expect(parsePolicyText(policy, 'slipway.yaml').document?.policy.migrations?.applied_through).toBe(p.last);
    const said = decisions.filter((d) => d.includes('applied_through'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      new RegExp(`: 3 ${p.tool} migrations up to ${p.last} \\(.*\\), taken as already run in production`),
    );
  });

  it('near miss: old dropTables are history, a new migration that drops nothing gives nothing', async () => {
    const { repo, policy } = repos.get(p.tool) ?? expect.fail('no repository');
    repo.write(p.safe).git('add', '-A');
    expect((await check(repo.dir, policy)).findings).toEqual([]);
  });

  it('a migration added after init that drops a table is judged', async () => {
    const { repo, policy } = repos.get(p.tool) ?? expect.fail('no repository');
    repo.write(p.drop).git('add', '-A');
    const dropped = Object.keys(p.drop)[0];
    // Its lost data (MIG001), and whatever else it does (a lock without lock_timeout): nothing older.
    const { findings } = await check(repo.dir, policy);
    expect(findings).toContain(`MIG001 ${dropped}`);
    expect(findings.filter((f) => !f.endsWith(` ${dropped}`))).toEqual([]);
  });
});

describe('an applied_through that names no migration of a JS series', () => {
  it('is said, and the whole series is judged (not silently ignored)', async () => {
    const { repo, policy } = repos.get('Knex') ?? expect.fail('no repository');
    const typo = policy.replace('20230101000000_users.js', '20230101000000_user.js');
    expect(typo).not.toBe(policy);
    const r = await check(repo.dir, typo);
    expect(r.notes).toContain(
      'migrations.applied_through names "db/migrations/20230101000000_user.js", which is neither a revision nor a migration file here: nothing is treated as applied for it',
    );
    expect(r.findings).toContain('MIG001 db/migrations/20220301000000_drop_legacy.js');
  });

  it('near miss: the TypeORM class name the tool records is understood as that migration', async () => {
    const { repo, policy } = repos.get('TypeORM') ?? expect.fail('no repository');
    const byName = policy.replace('"src/migrations/1660000000000-Users.ts"', '"Users1660000000000"');
    expect(byName).not.toBe(policy);
    const r = await check(repo.dir, byName);
    // No note that the name is unknown; the one note is that this policy text is not committed.
    expect(r.notes).toEqual([
      expect.stringContaining('"Users1660000000000" is in no commit of slipway.yaml'),
    ]);
    expect(r.findings).not.toContain('MIG001 src/migrations/1650000000000-DropLegacy.ts');
  });
});

describe('hostile: a new migration named to sort before applied_through', () => {
  const sneaky = 'db/migrations/20210101000000_drop_users.js';
  const gate = (path: string): ChangeSet => ({
    base: 'main',
    head: 'HEAD',
    commits: [],
    files: [{ path, status: 'added' }],
  });

  it('is judged by the gate, which reads what the change adds, not the series order', async () => {
    const { repo, policy } = repos.get('Knex') ?? expect.fail('no repository');
    repo.write({ [sneaky]: knex('dropTable("users")', KNEX_TABLE('users')) }).git('add', '-A');
    expect((await check(repo.dir, policy, gate(sneaky))).findings).toContain(`MIG001 ${sneaky}`);
  });

  it('near miss: a change that adds a harmless file is not judged for history', async () => {
    const { repo, policy } = repos.get('Knex') ?? expect.fail('no repository');
    repo.write({ 'docs/notes.md': 'x\n' }).git('add', '-A');
    expect((await check(repo.dir, policy, gate('docs/notes.md'))).findings).toEqual([]);
    repo.remove(sneaky, 'docs/notes.md').git('add', '-A');
  });
});

it('end to end: slipway init then check --tree on a Knex project', () => {
  const p = PROJECTS[0] as Project;
  const repo = new TempRepo(p.files);
  try {
    repo.commit('project');
    const init = slipway(['init'], { cwd: repo.dir });
    expect([init.code, init.stderr]).toEqual([0, '']);
    expect(init.stdout).toContain(`3 Knex migrations up to ${p.last}`);
    expect(readFileSync(join(repo.dir, 'slipway.yaml'), 'utf8')).toContain(`applied_through: "${p.last}"`);
    repo.commit('slipway init');
    // A drop named to sort before applied_through, added after the commit that set it: judged too.
    const early = 'db/migrations/20220201000000_sneak.js';
    repo.write({ ...p.safe, ...p.drop, [early]: knex('dropTable("users")', KNEX_TABLE('users')) });
    repo.commit('three new migrations');
    const run = slipway(['check', '--tree', '--format', 'json'], { cwd: repo.dir });
    const findings = (JSON.parse(run.stdout) as { findings: { rule: string; file: string }[] }).findings;
    const dropped = Object.keys(p.drop)[0];
    expect(findings.map((f) => `${f.rule} ${f.file}`)).toContain(`MIG001 ${early}`);
    // What init's policy leaves unjudged is said (COV002: package.json has no lock file here).
    const judged = findings.filter((f) => !f.rule.startsWith('COV')).map((f) => `${f.rule} ${f.file}`);
    expect(judged).toContain(`MIG001 ${dropped}`);
    expect(judged.filter((f) => !f.endsWith(` ${dropped}`) && !f.endsWith(` ${early}`))).toEqual([]);
    expect(run.code).not.toBe(0);
  } finally {
    repo.dispose();
  }
});
