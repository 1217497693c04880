// A Prisma Migrate history against the same migrations as plain .sql files (issue 51):
// `slipway check --tree --format json --no-cache --jobs 1` on 1,000 migrations written as
// `prisma/migrations/<timestamp>_m<n>/migration.sql` (sql_runner prisma, one series) and on the same
// 1,000 texts as `migrations/NNNN_m.sql` (sql_runner plain), both whole processes, in turn
// (side-by-side.mjs). Target: the Prisma layout <= 1.10x the plain one. Both reports must hold the
// same findings (rule and line), so the two runs judged the same statements. The Prisma project
// names its release as a real one does, in package.json and a package-lock.json of 5,000 packages:
// Slipway reads it to know how Prisma sends a file (prisma-version.ts), and that reading is part of
// the cost measured. It is 7.8.0, which runs a migration.sql statement by statement as the plain
// runner does; an older or unnamed release sends a file as one transaction, and the transaction
// rules (MIG044) would rightly judge the two layouts apart.
// Build first (`pnpm bench` does): the CLI bundle in packages/cli/dist.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paired, targetLine, timed } from './side-by-side.mjs';
import { SQL_POLICY, syntheticMigration } from './synthetic-sql.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(root, 'packages/cli/dist/slipway.mjs');
const FILES = 1000;
const RUNS = 5;
const TARGET = 1.1;
const pad = (s) => s.padEnd(44);

function git(dir, ...args) {
  execFileSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=b', ...args], { cwd: dir });
}

/** A repository of the 1,000 migrations, each at `pathOf(f)`, under `policy`. */
function corpus(policy, pathOf, extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-prisma-bench-'));
  writeFileSync(join(dir, 'slipway.yaml'), policy);
  for (const [path, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (let f = 0; f < FILES; f++) {
    const path = join(dir, pathOf(f));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, syntheticMigration(f).text);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  return dir;
}

const plain = corpus(SQL_POLICY, (f) => syntheticMigration(f).path);
/** A package-lock.json (v3) of `n` packages, Prisma 7.8.0 among them, and its package.json. */
function npmProject(n) {
  const packages = { '': { name: 'app', devDependencies: { prisma: '7.8.0' } } };
  packages['node_modules/prisma'] = {
    version: '7.8.0',
    resolved: 'https://registry.npmjs.org/prisma/-/prisma-7.8.0.tgz',
    dev: true,
  };
  for (let i = 0; i < n - 1; i++)
    packages[`node_modules/pkg-${i}`] = {
      version: `1.${i % 20}.${i % 7}`,
      resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.${i % 20}.${i % 7}.tgz`,
      integrity: `sha512-${Buffer.from(String(i)).toString('base64')}`,
      dev: true,
    };
  return {
    'package.json': `${JSON.stringify({ name: 'app', devDependencies: { prisma: '7.8.0' } }, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  };
}

const stamp = (f) => `2024${String(100000000 + f * 37).padStart(10, '0')}`;
const prisma = corpus(
  'version: 1\nmigrations:\n  sql: ["prisma/migrations/*/migration.sql"]\n  sql_runner: prisma\n',
  (f) => `prisma/migrations/${stamp(f)}_m${f}/migration.sql`,
  { 'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n', ...npmProject(5000) },
);
const run = (dir) => () =>
  timed(process.execPath, [CLI, 'check', '--tree', '--format', 'json', '--no-cache', '--jobs', '1'], dir);
const r = paired(run(prisma), run(plain), RUNS);

// The same judgement of the migrations: each MIG finding's rule and line, in the order of the files'
// numbers (the Prisma project's lock is one more file, whose COV002 the plain project has no cause for).
const judged = (out) =>
  JSON.parse(out.toString('utf8'))
    .findings.filter((f) => f.rule.startsWith('MIG'))
    .map((f) => `${f.rule}:${f.line}:${f.message.replace(/\S*\/(migration|\d{4}_m)\.sql/g, '')}`)
    .sort();
const a = judged(r.out);
const b = judged(r.outB);
console.log(`${pad('migrations, findings')}${FILES}, ${a.length} (Prisma) / ${b.length} (plain)`);
console.log(`${pad('check --tree, Prisma layout (median)')}${r.a.toFixed(2)} s`);
console.log(`${pad('check --tree, plain .sql files (median)')}${r.b.toFixed(2)} s`);
console.log(
  `${pad('the same findings in both')}${a.length === b.length && a.every((x, i) => x === b[i]) ? 'PASS' : 'FAIL'}`,
);
console.log(targetLine(pad, 'Prisma / plain', r.ratio, TARGET));

for (const dir of [plain, prisma]) rmSync(dir, { recursive: true, force: true });
