import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import { TempRepo } from '../helpers/git-repo.js';

// The result cache of `slipway check` (.sql migrations): a hit gives the same report as a cold
// run, an edit re-analyses only the edited file, a cache file not written by this machine's
// Slipway is never trusted, and a policy change starts afresh. The key lives in a temp cache
// home, never the user's.
const cacheHome = mkdtempSync(join(tmpdir(), 'slipway-cache-home-'));
const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
  rmSync(cacheHome, { recursive: true, force: true });
});

const POLICY = (pg: number) => `version: 1\nmigrations:\n  sql: ["db/*.sql"]\n  postgres_version: ${pg}\n`;
const FILES = {
  'db/001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE INDEX ix_users ON users (id);\n',
  'db/002_orders.sql':
    "SET lock_timeout = '2s';\nALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);\n",
  'db/003_drop.sql':
    '-- slipway: allow MIG031 -- the index is unused\nDROP INDEX ix_old;\nDROP INDEX ix_older;\n',
  'db/004_defaults.sql': 'ALTER TABLE orders ADD COLUMN uid uuid DEFAULT gen_random_uuid();\n',
};

function repo(): TempRepo {
  const r = new TempRepo({ 'slipway.yaml': POLICY(16), ...FILES });
  r.commit('init');
  repos.push(r);
  return r;
}

function check(r: TempRepo, ...flags: string[]) {
  const run = slipway(['check', '--tree', '--format', 'json', '--debug', ...flags], {
    cwd: r.dir,
    env: { XDG_CACHE_HOME: cacheHome, CI: undefined, GITHUB_ACTIONS: undefined },
  });
  const counts = /result cache: (\d+) from the cache, (\d+) computed/.exec(run.stderr);
  return {
    ...run,
    fromCache: counts ? Number(counts[1]) : undefined,
    computed: counts ? Number(counts[2]) : undefined,
  };
}

const cacheFile = (r: TempRepo) => join(r.dir, '.git', 'slipway', 'cache', 'sql-results.json');

describe('slipway check: the result cache', () => {
  it('gives byte-identical JSON from the cache, and re-analyses only an edited file', () => {
    const r = repo();
    const cold = check(r, '--no-cache');
    expect(JSON.parse(cold.stdout).findings.length).toBeGreaterThan(3);
    expect(cold.fromCache).toBeUndefined();
    const filling = check(r);
    expect([filling.fromCache, filling.computed]).toEqual([0, 4]);
    const warm = check(r);
    expect([warm.fromCache, warm.computed]).toEqual([4, 0]);
    expect(filling.stdout).toBe(cold.stdout);
    expect(warm.stdout).toBe(cold.stdout);

    r.write({ 'db/004_defaults.sql': 'ALTER TABLE orders ADD COLUMN note text;\n' });
    const edited = check(r);
    expect([edited.fromCache, edited.computed]).toEqual([3, 1]);
    expect(edited.stdout).toBe(check(r, '--no-cache').stdout);
    expect(edited.stdout).not.toBe(cold.stdout);
  });

  it("keeps the JS tools' and Alembic's migration modules too: an edit re-reads one file, an imported constant's change its importer", () => {
    const r = new TempRepo({
      'slipway.yaml': 'version: 1\nmigrations:\n  knex: ["db/migrations"]\n  alembic: alembic/versions\n',
      'db/tables.js': "export const USERS = 'users';\n",
      'db/migrations/001_users.js':
        "exports.up = (knex) => knex.schema.createTable('users', (t) => { t.bigIncrements('id'); });\nexports.down = (knex) => knex.schema.dropTable('users');\n",
      'db/migrations/002_drop.js':
        "import { USERS } from '../tables.js';\nexport const up = (knex) => knex.raw(`DROP TABLE ${USERS}`);\nexport const down = () => {};\n",
      'alembic/versions/0001_a.py':
        "revision = '0001'\ndown_revision = None\nfrom alembic import op\ndef upgrade():\n    op.drop_table('accounts')\ndef downgrade():\n    pass\n",
    });
    r.commit('init');
    repos.push(r);
    const cold = check(r, '--no-cache');
    expect(cold.stdout).toContain('DROP TABLE users');
    expect(check(r).computed).toBe(3);
    const warm = check(r);
    expect([warm.fromCache, warm.computed]).toEqual([3, 0]);
    expect(warm.stdout).toBe(cold.stdout);
    // The migration is unchanged; the module it imports its table's name from is not.
    r.write({ 'db/tables.js': "export const USERS = 'people';\n" });
    const renamed = check(r);
    expect([renamed.fromCache, renamed.computed]).toEqual([2, 1]);
    expect(renamed.stdout).toContain('DROP TABLE people');
    expect(renamed.stdout).toBe(check(r, '--no-cache').stdout);
  });

  it('does not trust a cache file it did not write: an entry edited to hide findings is ignored', () => {
    const r = repo();
    const cold = check(r, '--no-cache');
    check(r);
    const [mac, body] = readFileSync(cacheFile(r), 'utf8').split('\n', 2) as [string, string];
    // Hide every finding of every file, keeping the old MAC, then with a MAC under another key.
    const parsed = JSON.parse(body);
    for (const entry of Object.values(parsed.entries) as { findings?: unknown[] }[]) entry.findings = [];
    const forged = JSON.stringify(parsed);
    for (const head of [mac, createHmac('sha256', 'not this machine').update(forged).digest('hex')]) {
      writeFileSync(cacheFile(r), `${head}\n${forged}`);
      const run = check(r);
      expect(run.stderr).toMatch(/result cache file ignored: its MAC does not match/);
      expect([run.fromCache, run.computed]).toEqual([0, 4]);
      expect(run.stdout).toBe(cold.stdout);
    }
    // Garbage is ignored the same way, and replaced by a good file.
    writeFileSync(cacheFile(r), 'not a cache');
    expect(check(r).stdout).toBe(cold.stdout);
    expect(check(r).fromCache).toBe(4);
  });

  it('starts afresh when the policy changes, and is off in CI unless asked', () => {
    const r = repo();
    check(r);
    r.write({ 'slipway.yaml': POLICY(10) });
    const changed = check(r);
    expect(changed.stderr).toMatch(/written for another build or policy/);
    expect([changed.fromCache, changed.computed]).toEqual([0, 4]);
    // PostgreSQL 10 rewrites the table for any default: the report differs from 16's.
    expect(changed.stdout).toBe(check(r, '--no-cache').stdout);

    const ci = slipway(['check', '--tree', '--format', 'json', '--debug'], {
      cwd: r.dir,
      env: { XDG_CACHE_HOME: cacheHome, CI: 'true' },
    });
    expect(ci.stderr).not.toMatch(/result cache/);
    expect(ci.stdout).toBe(changed.stdout);
    const asked = slipway(['check', '--tree', '--format', 'json', '--debug', '--cache'], {
      cwd: r.dir,
      env: { XDG_CACHE_HOME: cacheHome, CI: 'true' },
    });
    expect(asked.stderr).toMatch(/result cache: 4 from the cache, 0 computed/);
  });
});
