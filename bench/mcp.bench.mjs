// `slipway mcp`: how long an agent waits for `may_edit` before an edit, on a warm server over
// stdio (the built CLI, the SDK's own client), in a repository of 2,000 files with an agent's
// branch. Target: p95 ≤ 20 ms a call (five paths each, rotating over allowed, protected, surface
// and outside paths). The first call opens the repository and is shown apart.
// Build first: `node scripts/build.mjs` (pnpm bench does).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/dist/slipway.mjs');
// The SDK is the CLI package's dependency: resolved from there.
const sdk = createRequire(join(root, 'packages/cli/package.json'));
const { Client } = await import(sdk.resolve('@modelcontextprotocol/sdk/client/index.js'));
const { StdioClientTransport } = await import(sdk.resolve('@modelcontextprotocol/sdk/client/stdio.js'));

const TARGET_MS = 20;
const CALLS = 300;
const WARMUP = 30;
const FILES = 2_000;
const POLICY = `version: 1
production_branch: main
protected:
  paths: [core/, "**/models.py"]
agents:
  allowed: [src/, core/, db/migrations/, tests/]
  limits: { files: 20, lines: 800 }
migrations:
  dialect: postgresql
  sql: [db/migrations/]
`;

const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-mcp-'));
const git = (...args) =>
  execFileSync('git', args, {
    cwd: dir,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'B',
      GIT_AUTHOR_EMAIL: 'b@example.com',
      GIT_COMMITTER_NAME: 'B',
      GIT_COMMITTER_EMAIL: 'b@example.com',
    },
  });
const write = (path, text) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};
let client;
try {
  git('init', '-q', '-b', 'main');
  write('slipway.yaml', POLICY);
  write('.github/workflows/ci.yml', 'on: push\n');
  for (let i = 0; i < FILES; i++)
    write(`${['src', 'core', 'tests', 'docs'][i % 4]}/m${i % 37}/f${i}.py`, `x = ${i}\n`);
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
  git('checkout', '-q', '-b', 'auto/work');
  write('src/m0/f0.py', 'x = 2\n');
  write('src/m0/new.py', 'y = 1\n');
  git('add', '-A');
  git('commit', '-qm', 'work');

  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, 'mcp'],
    cwd: dir,
    stderr: 'ignore',
  });
  client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  const sets = [
    ['src/m0/f0.py', 'core/m1/f1.py', 'slipway.yaml', 'docs/m3/f3.py', 'src/new/file.py'],
    ['tests/m4/f4.py', 'src/app/models.py', '.github/workflows/ci.yml', 'README.md', 'db/migrations/002.sql'],
    [join(dir, 'src/m5/f5.py'), 'CLAUDE.md', 'core/x.py', 'src/a/b/c/d.py', 'docs/guide.md'],
  ];
  const ask = async (i) => {
    const started = performance.now();
    const r = await client.callTool({ name: 'may_edit', arguments: { paths: sets[i % sets.length] } });
    const ms = performance.now() - started;
    if (r.isError || r.structuredContent?.verdicts?.length !== 5)
      throw new Error(`may_edit failed: ${JSON.stringify(r.content)}`);
    return ms;
  };
  const first = await ask(0);
  for (let i = 0; i < WARMUP; i++) await ask(i);
  const times = [];
  for (let i = 0; i < CALLS; i++) times.push(await ask(i));
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  const p95 = at(0.95);
  console.log(
    `may_edit over stdio, warm server, ${FILES.toLocaleString('en-US')} files, 5 paths a call (${CALLS} calls)`,
  );
  console.log(`  first call (opens the repository)  ${first.toFixed(1).padStart(7)} ms`);
  console.log(`  p50                                ${at(0.5).toFixed(1).padStart(7)} ms`);
  console.log(
    `  p95                                ${p95.toFixed(1).padStart(7)} ms  ≤ ${TARGET_MS} ms  ${p95 <= TARGET_MS ? 'PASS' : 'FAIL'}`,
  );
} finally {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
}
