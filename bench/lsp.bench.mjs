// The language server on a 5,000-file repository with 300 SQL and 300 Alembic migrations and a
// feature branch: how long until the first diagnostics (cold: git ls-files, the change set, a full
// check), and how long a re-pull takes after a one-character edit of an open migration (warm:
// what a person waits for while typing). Target: median edit→diagnostics ≤ 100 ms.
// Build first: `node scripts/build.mjs` (the server bundle, packages/lsp/dist/server.mjs).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'packages/lsp/dist/server.mjs');
const FILES = 5_000;
const MIGRATIONS = 300;
const EDITS = 30;
const TARGET_MS = 100;

const dir = mkdtempSync(join(tmpdir(), 'slipway-lsp-bench-'));
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'B',
  GIT_AUTHOR_EMAIL: 'b@x',
  GIT_COMMITTER_NAME: 'B',
  GIT_COMMITTER_EMAIL: 'b@x',
};
const git = (...args) => execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
const write = (path, text) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};

write(
  'slipway.yaml',
  `version: 1
protected:
  label: approved-core-change
  paths: [backend/app/core/, db/]
agents:
  branches: ["auto/*"]
  allowed: [/docs/*.md, /src/]
migrations:
  alembic: alembic/versions
  sql: ["db/**/*.sql"]
`,
);
for (let i = 0; i < FILES; i++) write(`src/m${i % 50}/f${i}.txt`, `file ${i}\n`);
let parent = 'None';
for (let i = 0; i < MIGRATIONS; i++) {
  const rev = `r${String(i).padStart(4, '0')}`;
  write(
    `alembic/versions/${rev}_step.py`,
    `"""step ${i}"""\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = '${rev}'\ndown_revision = ${parent === 'None' ? 'None' : `'${parent}'`}\n\n\ndef upgrade():\n    op.add_column('t${i}', sa.Column('c', sa.Integer(), nullable=True))\n\n\ndef downgrade():\n    op.drop_column('t${i}', 'c')\n`,
  );
  parent = rev;
  write(`db/${String(i).padStart(4, '0')}.sql`, `CREATE TABLE t${i} (id int primary key, name text);\n`);
}
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-q', '-m', 'base');
git('checkout', '-q', '-b', 'feature/bench');
for (let i = 0; i < 50; i++)
  write(`db/${String(i).padStart(4, '0')}.sql`, `ALTER TABLE t${i} ADD COLUMN x int;\n`);
git('commit', '-qam', 'feature');

const child = spawn(
  process.execPath,
  [
    ...(process.env.LSP_BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LSP_BENCH_PROFILE}`]
      : []),
    server,
    '--stdio',
  ],
  { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] },
);
const c = createMessageConnection(
  new StreamMessageReader(child.stdout),
  new StreamMessageWriter(child.stdin),
);
c.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
c.onRequest('client/registerCapability', () => null);
c.onRequest('workspace/diagnostic/refresh', () => null);
c.onNotification(() => {});
c.listen();
const uri = (p) => pathToFileURL(join(dir, p)).href;
await c.sendRequest('initialize', {
  processId: process.pid,
  rootUri: uri(''),
  workspaceFolders: [{ uri: uri(''), name: 'bench' }],
  // The bench's own repository: trusted, as a user who set up their editor says (README).
  initializationOptions: { workspaceTrusted: true },
  capabilities: { workspace: { configuration: true, diagnostics: { refreshSupport: true } } },
});
c.sendNotification('initialized', {});

const file = 'db/0007.sql';
let text = 'ALTER TABLE t7 ADD COLUMN x int;\n';
c.sendNotification('textDocument/didOpen', {
  textDocument: { uri: uri(file), languageId: 'sql', version: 1, text },
});
let t = performance.now();
await c.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri(file) } });
const cold = performance.now() - t;

const times = [];
for (let v = 2; v < EDITS + 2; v++) {
  text = v % 2 ? 'ALTER TABLE t7 ADD COLUMN x int;\n' : 'ALTER TABLE t7 ADD COLUMN y int;\nDROP TABLE t7;\n';
  t = performance.now();
  c.sendNotification('textDocument/didChange', {
    textDocument: { uri: uri(file), version: v },
    contentChanges: [{ text }],
  });
  const report = await c.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri(file) } });
  times.push(performance.now() - t);
  if (v % 2 === 0 && !report.items.some((d) => d.code === 'MIG001'))
    throw new Error('the edit was not checked');
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const p90 = times[Math.floor(times.length * 0.9)];

await c.sendRequest('shutdown');
const exited = new Promise((resolve) => child.on('exit', resolve));
await c.sendNotification('exit');
await exited;
c.dispose();
rmSync(dir, { recursive: true, force: true });

const files = FILES + 2 * MIGRATIONS + 1;
console.log(`lsp first diagnostics (cold, ${files} files)   ${cold.toFixed(0)} ms`);
console.log(
  `lsp edit → diagnostics, median of ${EDITS}      ${median.toFixed(1)} ms   (p90 ${p90.toFixed(1)} ms)`,
);
console.log(`target: median ≤ ${TARGET_MS} ms   ${median <= TARGET_MS ? 'PASS' : 'FAIL'}`);
