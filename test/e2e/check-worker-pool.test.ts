import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { slipwayInProcess, slipwayInProcessAsync } from '../helpers/in-process-cli.js';
import { generatedMigrations } from './worker-pool-corpus.js';

// `slipway check --jobs N` reads .sql migrations and Alembic version files in worker threads once
// there is enough to pay for them (with Alembic files the main thread reads its share and one
// worker fewer starts). The report must be the main thread's byte for byte; a file that crashes
// or hangs its worker costs that file alone (one MIG030 or MIG130 error naming it; the hangs:
// check-worker-pool-hangs.test.ts); no worker outlives the run.
const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
});

function repo(files: Record<string, string>): TempRepo {
  const r = new TempRepo(files);
  r.commit('init');
  repos.push(r);
  return r;
}

const checkArgs = (jobs: number, format = 'json') => [
  'check',
  '--tree',
  '--no-cache',
  '--debug',
  '--format',
  format,
  '--jobs',
  String(jobs),
];

/** `check --tree` without the result cache, the pool started whatever the amount of SQL. */
function check(r: TempRepo, jobs: number, env: Record<string, string> = {}, format = 'json') {
  return slipway(checkArgs(jobs, format), { cwd: r.dir, env: { SLIPWAY_WORKER_MIN_CHARS: '0', ...env } });
}

/**
 * The same check on the main thread alone (--jobs 1), the report the pooled runs must give: the
 * CLI's bundle in this process (in-process-cli.ts), as no worker starts there and the run's
 * process is not what it is compared for; the pooled runs stay child processes, whose ending
 * shows that no worker outlives the run. Awaited: the big files' runs take tens of seconds on a
 * loaded machine, past what a test worker may stay blocked.
 */
function mainThreadCheck(r: TempRepo, args = checkArgs(1), env: Record<string, string> = {}) {
  return slipwayInProcessAsync(args, { cwd: r.dir, env: { SLIPWAY_WORKER_MIN_CHARS: '0', ...env } });
}

const poolLine = (stderr: string) => /worker pool: .*/.exec(stderr)?.[0];

const SEED_POLICY = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n';

/**
 * A seed migration of about 110 bytes a row (1.3 MB for the default 12,000 rows, read in pieces of
 * 512 KB, so cut twice): rows with non-ASCII
 * text, CRLF line ends, a transaction block that spans the cuts with a CREATE INDEX CONCURRENTLY inside it
 * (MIG021: it cannot run in a transaction), a plain CREATE INDEX after it (MIG020), a DROP TABLE
 * at the end (MIG001); and, around each place a cut falls, lines of several DROP INDEX
 * statements (MIG031), so that a statement after a cut starts in the middle of its line.
 */
function seed(rows = 12_000): string {
  const PIECE = 1 << 19;
  const lines: string[] = [];
  let offset = 0;
  for (let i = 0; i < rows; i++) {
    const nearCut = Math.abs(offset - PIECE * Math.round(offset / PIECE)) < 1_500 && offset > 1_500;
    const row = nearCut
      ? `DROP INDEX ix_a${i}; DROP INDEX ix_b${i}; DROP INDEX ix_c${i};`
      : `INSERT INTO customers (id, name) VALUES (${i}, 'Zoë ${i}'); UPDATE customers SET name = 'é' WHERE id = ${i};`;
    lines.push(row);
    offset += row.length + 2;
    // Before the first cut and after the last: the block spans both.
    if (i === Math.round(rows / 12)) lines.push('BEGIN;');
    if (i === Math.round((rows * 7) / 8))
      lines.push('CREATE INDEX CONCURRENTLY ix_name ON customers (name);', 'COMMIT;');
  }
  lines.push('CREATE INDEX ix_id ON customers (id);', 'DROP TABLE legacy_customers;');
  return `${lines.join('\r\n')}\r\n`;
}

describe('slipway check --jobs: the worker pool', () => {
  it('gives the main thread’s report byte for byte on hundreds of SQL files and Alembic revisions', async () => {
    const r = repo(generatedMigrations(160, 40));
    // Each run writes its text and SARIF reports too (--report): one run per side, every format.
    const args = (jobs: number, side: string) => [
      ...checkArgs(jobs),
      ...['text', 'sarif'].map((f) => `--report=${f}:${side}.${f}`),
    ];
    const alone = await mainThreadCheck(r, args(1, 'alone'));
    const pooled = slipway(args(2, 'pooled'), { cwd: r.dir, env: { SLIPWAY_WORKER_MIN_CHARS: '0' } });
    expect(poolLine(alone.stderr)).toMatch(/^worker pool: none \(200 files/);
    // 40 Alembic files: 20 on the main thread, 20 and the 160 .sql files on one worker.
    expect(pooled.stderr).toContain('worker pool: 1 threads for 200 files');
    expect(pooled.stderr).toContain('180 tasks, 20 Alembic files on this thread');
    expect(pooled.stderr).toContain('worker pool: done, 0 of 200 files not read');
    expect(pooled.stdout).toBe(alone.stdout);
    expect(pooled.code).toBe(alone.code);
    for (const format of ['text', 'sarif']) {
      const report = (side: string) => readFileSync(join(r.dir, `${side}.${format}`), 'utf8');
      expect(report('pooled').length).toBeGreaterThan(1000);
      expect(report('pooled')).toBe(report('alone'));
    }
    // The corpus holds what each kind of rule reads: per-file (MIG001, MIG020), cross-file
    // (MIG037 after a file's SET), parse errors (MIG030), Alembic's graph and a suppression.
    const rules = new Set(JSON.parse(pooled.stdout).findings.map((f: { rule: string }) => f.rule));
    for (const id of ['MIG001', 'MIG020', 'MIG030', 'MIG037', 'MIG100']) expect(rules).toContain(id);
  });

  it('gives the same report on a change (--base main), history outside it read but not judged', async () => {
    const r = repo(generatedMigrations(150, 0));
    r.git('checkout', '-q', '-b', 'feature');
    r.write({
      'db/0150_new.sql': 'DROP TABLE users;\nCREATE INDEX ix_new ON orders (a);\n',
      'db/0070_m.sql': 'ALTER TABLE t DROP COLUMN c;\n',
    });
    r.commit('change');
    const args = (jobs: string) => [
      'check',
      '--base',
      'main',
      '--format',
      'json',
      '--no-cache',
      '--debug',
      '--jobs',
      jobs,
    ];
    const alone = await mainThreadCheck(r, args('1'));
    const pooled = slipway(args('2'), { cwd: r.dir, env: { SLIPWAY_WORKER_MIN_CHARS: '0' } });
    expect(pooled.stderr).toContain('worker pool: 2 threads for 151 files');
    expect(pooled.stdout).toBe(alone.stdout);
    const files = new Set(JSON.parse(pooled.stdout).findings.map((f: { file: string }) => f.file));
    expect([...files].sort()).toEqual(['db/0070_m.sql', 'db/0150_new.sql']);
  });

  it('fills the result cache as the main thread would: a warm run after a pooled one reports the same', async () => {
    const r = repo(generatedMigrations(80, 0));
    const env = { XDG_CACHE_HOME: join(r.dir, '.cache-home'), CI: '' };
    const args = ['check', '--tree', '--format', 'json', '--debug', '--jobs', '2'];
    const pooled = slipway(args, { cwd: r.dir, env: { SLIPWAY_WORKER_MIN_CHARS: '0', ...env } });
    expect(pooled.stderr).toContain('worker pool: 2 threads for 80 files');
    // The warm run starts no worker (asserted): in this process, as the main thread's run.
    const warm = await mainThreadCheck(r, args, env);
    expect(warm.stderr).toContain('result cache: 80 from the cache, 0 computed');
    expect(warm.stderr).toContain('worker pool: none (0 files to read');
    expect(warm.stdout).toBe(pooled.stdout);
    expect(warm.stdout).toBe((await mainThreadCheck(r)).stdout);
  });

  for (const name of ['mayassistant', 'autonomos', 'tradebot']) {
    it(`${name} (bundled example): the same report with --jobs 1 and --jobs 2`, async () => {
      const r = new TempRepo();
      repos.push(r);
      cpSync(join(examples, name), r.dir, { recursive: true });
      r.commit('example');
      // Without --debug, as users run it (no stderr is read here): --debug loads the bundles with
      // their source maps (11 MB parsed) and without the code cache, half a second of CPU a run.
      const args = (jobs: number) => checkArgs(jobs).filter((a) => a !== '--debug');
      const alone = await mainThreadCheck(r, args(1));
      const pooled = slipway(args(2), { cwd: r.dir, env: { SLIPWAY_WORKER_MIN_CHARS: '0' } });
      expect(pooled.stdout).toBe(alone.stdout);
      expect(pooled.code).toBe(alone.code);
    });
  }

  // The decisions below (no pool; a refused flag) are the command's, not the process's: the CLI's
  // bundle run in this process (in-process-cli.ts), without a child's start-up each run.
  it('starts no worker below the threshold, nor with --jobs 1 (the default)', () => {
    const r = repo(generatedMigrations(20, 0));
    const small = slipwayInProcess(['check', '--tree', '--no-cache', '--debug', '--jobs', '2'], {
      cwd: r.dir,
    });
    expect(poolLine(small.stderr)).toMatch(
      /^worker pool: none \(20 files to read, \d+ characters, --jobs 2\)$/,
    );
    expect(
      poolLine(slipwayInProcess(checkArgs(1), { cwd: r.dir, env: { SLIPWAY_WORKER_MIN_CHARS: '0' } }).stderr),
    ).toMatch(/^worker pool: none .*--jobs 1\)$/);
    const byDefault = slipwayInProcess(['check', '--tree', '--no-cache', '--debug'], {
      cwd: r.dir,
      env: { SLIPWAY_WORKER_MIN_CHARS: '0' },
    });
    expect(poolLine(byDefault.stderr)).toMatch(/^worker pool: none .*--jobs 1\)$/);
  });

  it('reads a big file in pieces on several threads, and reports it as the main thread does', async () => {
    const r = repo({ 'slipway.yaml': SEED_POLICY, 'db/0001_seed.sql': seed() });
    const alone = await mainThreadCheck(r);
    const pooled = check(r, 2);
    expect(pooled.stderr).toMatch(/worker pool: 2 threads for 1 files \(\d+ characters, [3-9] tasks\)/);
    expect(pooled.stdout).toBe(alone.stdout);
    // The cuts fall between a BEGIN and its COMMIT, and inside lines holding several statements.
    const rules = JSON.parse(pooled.stdout).findings.map((f: { rule: string }) => f.rule);
    for (const id of ['MIG001', 'MIG021', 'MIG020', 'MIG031']) expect(rules).toContain(id);
  });

  it('a big file with a statement PostgreSQL rejects is read whole, as the main thread reads it', async () => {
    // Less than the seed (1.1 MB): still cut in pieces (asserted below). A file PostgreSQL rejects costs
    // three times the CPU of one it accepts, each run.
    const text = seed(10_000).replace('VALUES (8000, ', 'VALUES (8000,, ');
    expect(text).not.toBe(seed(10_000));
    const r = repo({ 'slipway.yaml': SEED_POLICY, 'db/0001_seed.sql': text });
    const alone = await mainThreadCheck(r);
    const pooled = check(r, 2);
    expect(pooled.stderr).toMatch(/worker pool: 2 threads for 1 files \(\d+ characters, [2-9] tasks\)/);
    expect(pooled.stderr).toContain('worker pool: done, 0 of 1 files not read');
    expect(JSON.parse(pooled.stdout).findings.map((f: { rule: string }) => f.rule)).toContain('MIG030');
    expect(pooled.stdout).toBe(alone.stdout);
  });

  it('refuses a --jobs that is not a whole number from 1', () => {
    const r = repo(generatedMigrations(2, 0));
    for (const bad of ['0', '-1', 'two', '1.5']) {
      const run = slipwayInProcess(['check', '--tree', `--jobs=${bad}`], { cwd: r.dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--jobs takes a whole number from 1 to 1024 or auto');
    }
  });

  it('a file that runs its worker out of memory costs that file alone: one MIG030 error naming it', async () => {
    const files = generatedMigrations(60, 0);
    // One INSERT of 40,000 rows: a single statement, so it is parsed whole; its parse tree
    // needs far more than the 32 MB heap this test gives each worker.
    const rows = Array.from({ length: 40_000 }, (_, i) => `(${i}, 'name ${i}', now())`);
    files['db/0030_big.sql'] =
      `INSERT INTO t (id, name, at) VALUES\n${rows.join(',\n')};\nDROP TABLE legacy;\n`;
    const r = repo(files);
    const alone = JSON.parse((await mainThreadCheck(r)).stdout).findings;
    const run = check(r, 2, { SLIPWAY_WORKER_HEAP_MB: '32' });
    expect(run.stderr).toContain('worker pool: done, 1 of 61 files not read');
    const pooled = JSON.parse(run.stdout).findings;
    const about = (f: { file: string }) => f.file === 'db/0030_big.sql';
    expect(pooled.filter(about)).toEqual([
      expect.objectContaining({
        rule: 'MIG030',
        severity: 'error',
        line: 1,
        message: expect.stringContaining(
          'db/0030_big.sql was not checked: the worker thread reading it ran out of memory (its limit: 32 MB)',
        ),
      }),
    ]);
    // Read on the main thread, the file has its own findings (its DROP TABLE among them).
    expect(alone.filter(about).map((f: { rule: string }) => f.rule)).toContain('MIG001');
    expect(pooled.filter((f: { file: string }) => !about(f))).toEqual(
      alone.filter((f: { file: string }) => !about(f)),
    );
    expect(run.code).toBe(1);
  });
});
