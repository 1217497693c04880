// The fixes that rewrite a lock hazard into its safe form, timed where a person waits for them:
// - the language server's code actions for a .sql migration of 1,000 statements, each a CREATE
//   INDEX without CONCURRENTLY on a table that existed (MIG020's fix, and MIG037's lock_timeout
//   once): target p95 <= 50 ms, the whole file's range asked at once, as an editor's "Fix all";
// - `slipway check --fix` beside `slipway check` on the same change (200 SQL migrations, 20 of
//   them new, each missing its lock_timeout: the fixes apply, the edited files are judged again):
//   target --fix <= 1.10x check. The tree is put back (git checkout) before each --fix run,
//   outside its timing.
// Build first: `node scripts/build.mjs` (the CLI and the server bundles).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchRepo, loadLine, report, startServer } from './lsp-client.mjs';
import { paired, targetLine, timed } from './side-by-side.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(root, 'packages/cli/dist/slipway.mjs');
const STATEMENTS = 1_000;
const ACTION_RUNS = 30;
const ACTION_TARGET_MS = 50;
const PAIRS = Number(process.env.SLIPWAY_BENCH_RUNS ?? 9);
const FIX_TARGET = 1.1;

const pad = (s) => s.padEnd(58);
const sqlPolicy = 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n';

// --- code actions on a migration of 1,000 statements ----------------------------------------
{
  const tables = {};
  for (let i = 0; i < STATEMENTS; i++) tables[`db/0000_t${i}.sql`] = `CREATE TABLE t${i} (id int, c int);\n`;
  const repo = new BenchRepo({ 'slipway.yaml': sqlPolicy, ...tables });
  repo.git('checkout', '-q', '-b', 'feature/indexes');
  const file = 'db/0001_indexes.sql';
  const text = Array.from({ length: STATEMENTS }, (_, i) => `CREATE INDEX ix_t${i} ON t${i} (c);\n`).join('');
  repo.write({ [file]: text });
  const server = await startServer(repo);
  server.open(file, text);
  const { items } = await server.pull(file);
  // A file lists 100 findings of a rule, and one that stands for the rest (finding-cap.ts).
  const fixable = items.filter((d) => d.code === 'MIG020' && d.range.start.line < STATEMENTS);
  if (fixable.length < 100) throw new Error(`expected 100 MIG020 listed, got ${fixable.length}`);
  const whole = { start: { line: 0, character: 0 }, end: { line: STATEMENTS, character: 0 } };
  const ask = (range, diagnostics) =>
    server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: repo.uri(file) },
      range,
      context: { diagnostics, only: ['quickfix'] },
    });
  const times = [];
  let offered = 0;
  for (let i = 0; i < ACTION_RUNS; i++) {
    const t = performance.now();
    const actions = await ask(whole, items);
    times.push(performance.now() - t);
    offered = actions.length;
  }
  // One line's actions, as the light bulb asks while the cursor moves.
  const line = [];
  for (let i = 0; i < ACTION_RUNS; i++) {
    const d = fixable[(i * 37) % fixable.length];
    const t = performance.now();
    await ask(d.range, [d]);
    line.push(performance.now() - t);
  }
  await server.stop();
  repo.remove();
  if (offered < fixable.length) throw new Error(`expected a fix per listed index, got ${offered} actions`);
  console.log(
    `${STATEMENTS} CREATE INDEX statements (${items.length} diagnostics listed), ${offered} code actions offered for the whole file`,
  );
  report('code actions: the whole file (1,000 statements)', times, ACTION_TARGET_MS);
  report('code actions: one line of it', line, ACTION_TARGET_MS);
}

// --- check --fix beside check ------------------------------------------------------------
{
  const files = {};
  for (let i = 0; i < 200; i++)
    files[`db/${String(i).padStart(4, '0')}_t.sql`] = `CREATE TABLE t${i} (id int primary key, c int);\n`;
  const repo = new BenchRepo({ 'slipway.yaml': sqlPolicy, ...files });
  repo.git('checkout', '-q', '-b', 'feature/columns');
  const added = {};
  for (let i = 0; i < 20; i++)
    added[`db/${String(200 + i)}_add.sql`] = `ALTER TABLE t${i} ADD COLUMN note text;\n`;
  repo.write(added);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'feature');
  // Both judge the same unfixed tree: each run starts from the commit.
  const reset = () => execFileSync('git', ['checkout', '-q', '--', '.'], { cwd: repo.dir });
  const check = () => {
    reset();
    return timed(process.execPath, [CLI, 'check', '--base', 'main'], repo.dir);
  };
  const fix = () => {
    reset();
    return timed(process.execPath, [CLI, 'check', '--base', 'main', '--fix'], repo.dir);
  };
  const r = paired(fix, check, PAIRS);
  fix();
  const fixed = execFileSync('git', ['diff', '--name-only'], { cwd: repo.dir, encoding: 'utf8' })
    .trim()
    .split('\n');
  repo.remove();
  if (fixed.length !== 20) throw new Error(`--fix edited ${fixed.length} files, expected 20`);
  console.log(
    `200 SQL migrations, 20 new ones each fixed (lock_timeout); ${PAIRS} pairs, medians: check --fix ${(r.a * 1000).toFixed(0)} ms, check ${(r.b * 1000).toFixed(0)} ms`,
  );
  console.log(targetLine(pad, 'check --fix beside check', r.ratio, FIX_TARGET));
}
console.log(loadLine());
