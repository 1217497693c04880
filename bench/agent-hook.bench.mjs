// `slipway hook claude`, whole processes, beside an empty `node -e 0` in the same run (pairs taken
// in turn, A B A B, so drift hits both). The agent pays this on every tool call.
// Targets: a path-only decision (a Write to docs) <= 2.5x `node -e 0`; a decision that parses a
// migration (a Write of a .sql migration) <= 4x. For information: a read-only shell command
// (parsed, nothing to judge, no repository opened), a Write to docs once the branch has a commit,
// and a Write of a Sequelize migration beside 300 others (each call reads the series: the result
// cache spares their parse, git's reads of them remain).
// What each call evaluates is held by packages/cli/test/hook/hook-lazy-loading.test.ts: a path-only
// decision loads the engine with the path, cap and branch families, no migration analyzer, no
// other family, no migration parser; a migration write adds those it needs.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hookCommand } from '../packages/policy-core/dist/index.js';
import { paired } from './side-by-side.mjs';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '../packages/cli/dist/slipway.mjs');
const RUNS = Number(process.env.SLIPWAY_BENCH_RUNS ?? 15);
const dir = mkdtempSync(join(tmpdir(), 'slipway-hook-bench-'));
// A repository of its own for the Sequelize series, so that the rows with targets judge the same
// repository as before it.
const series = mkdtempSync(join(tmpdir(), 'slipway-hook-bench-series-'));
const gitIn = (cwd, ...args) =>
  execFileSync('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'a',
      GIT_AUTHOR_EMAIL: 'a@b',
      GIT_COMMITTER_NAME: 'a',
      GIT_COMMITTER_EMAIL: 'a@b',
    },
  });
const git = (...args) => gitIn(dir, ...args);
const putIn = (root, rel, text) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
};
const put = (rel, text) => putIn(dir, rel, text);
// A service of 2,000 files with 200 SQL migrations, protected paths and an agent allow-list.
put(
  'slipway.yaml',
  `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths: [app/core/, db/migrations/]
agents:
  branches: ["auto/*"]
  allowed: [docs/, app/, db/migrations/]
migrations:
  sql: ["db/migrations/*.sql"]
`,
);
for (let i = 0; i < 1800; i++) put(`app/mod${i % 40}/file${i}.py`, `def f${i}():\n    return ${i}\n`);
for (let i = 0; i < 200; i++)
  put(
    `db/migrations/${String(i).padStart(4, '0')}_step.sql`,
    `CREATE TABLE t${i} (id bigint primary key, name text);\n`,
  );
put('docs/guide.md', '# Guide\n');
// A second series, as outline/outline keeps its 300 Sequelize migrations: JS, one file each.
const SEQUELIZE = (i) => `'use strict';
const NOTE = 'step ${i}';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('t${i}', {
      id: { type: Sequelize.UUID, primaryKey: true },
      name: { type: Sequelize.STRING, allowNull: true },
      createdAt: { type: Sequelize.DATE, allowNull: false },
    });
    await queryInterface.addIndex('t${i}', ['name']);
    await queryInterface.sequelize.query(\`COMMENT ON TABLE "t${i}" IS '\${NOTE}'\`);
  },
  async down(queryInterface) {
    await queryInterface.dropTable('t${i}');
  },
};
`;
putIn(
  series,
  'slipway.yaml',
  'version: 1\nproduction_branch: main\nmigrations:\n  sequelize: [server/migrations]\n',
);
for (let i = 0; i < 300; i++)
  putIn(series, `server/migrations/2020${String(i).padStart(6, '0')}-step.js`, SEQUELIZE(i));
gitIn(series, 'init', '-q', '-b', 'main');
gitIn(series, 'add', '-A');
gitIn(series, 'commit', '-qm', 'init');
gitIn(series, 'checkout', '-qb', 'auto/task');
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-qm', 'init');
git('checkout', '-qb', 'auto/task');

const input = (tool_name, tool_input, cwd = dir) =>
  JSON.stringify({ session_id: 'b', cwd, hook_event_name: 'PreToolUse', tool_name, tool_input });
const calls = {
  docs: input('Write', { file_path: join(dir, 'docs/new.md'), content: '# New\n' }),
  migration: input('Write', {
    file_path: join(dir, 'db/migrations/0200_add.sql'),
    content: 'CREATE INDEX CONCURRENTLY idx ON t1 (name);\n',
  }),
  sequelize: input(
    'Write',
    {
      file_path: join(series, 'server/migrations/20999999999999-add.js'),
      content: SEQUELIZE(999).replace("createTable('t999'", "createTable('t_new'"),
    },
    series,
  ),
  shellRead: input('Bash', { command: 'git log --oneline | head -5 && grep -rn TODO app | wc -l' }),
};

function run(cmd, args, stdin) {
  const start = process.hrtime.bigint();
  const cwd = stdin ? JSON.parse(stdin).cwd : dir;
  const r = spawnSync(cmd, args, { cwd, input: stdin, encoding: 'utf8' });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0 && r.status !== 2) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { s, out: r.stdout, code: r.status };
}
const floor = () => run(process.execPath, ['-e', '0'], '');
const hook = (name) => () => run(process.execPath, [CLI, 'hook', 'claude'], calls[name]);
// What the agent runs: the command `init --agents` writes (finding the repository's Slipway, the
// deadline's watchdog, the refusal of a crash), by sh, around the same decision.
put('node_modules/.bin/slipway', `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
chmodSync(join(dir, 'node_modules/.bin/slipway'), 0o755);
put('.git/info/exclude', 'node_modules/\n');
const written = (name) => () => run('sh', ['-c', hookCommand('claude', 'CLAUDE_PROJECT_DIR')], calls[name]);

const pad = (s) => s.padEnd(58);
const line = (label, r, target) =>
  console.log(
    `${pad(label)}${(r.a * 1000).toFixed(0)} ms vs node -e 0 ${(r.b * 1000).toFixed(0)} ms: ${r.ratio.toFixed(2)}x${
      target ? `  target <= ${target}x  ${r.ratio <= target ? 'PASS' : 'FAIL'}` : '  (for information)'
    }`,
  );
try {
  // An agent's first call is often a read-only command, which the gate answers without the engine:
  // the code cache it writes is widened by the first judged call (cli-bundle-loader.ts), so the
  // figures below are those of any order of calls, not only of a write first.
  hook('shellRead')();
  const allowed = hook('docs')();
  const judged = hook('migration')();
  // The first Sequelize write reads the series and fills the result cache; the figures are the next.
  const seq = hook('sequelize')();
  if (seq.code !== 0) throw new Error(`the Sequelize write was not allowed: ${seq.out}`);
  if (allowed.code !== 0 || allowed.out !== '' || judged.code !== 0)
    throw new Error(`unexpected decisions: ${allowed.out} ${judged.out}`);
  console.log(`2,000 files, 200 SQL migrations (apart: 300 Sequelize ones); ${RUNS} pairs each, medians`);
  line('hook: a Write to docs (path-only decision)', paired(hook('docs'), floor, RUNS), 2.5);
  line('hook: a Write of a .sql migration (parsed and judged)', paired(hook('migration'), floor, RUNS), 4);
  line('hook: a Write of a Sequelize migration beside 300', paired(hook('sequelize'), floor, RUNS));
  line('hook: a read-only shell command (parsed, nothing opened)', paired(hook('shellRead'), floor, RUNS));
  line('the written hook command: a Write to docs', paired(written('docs'), floor, RUNS), 2.5);
  const around = paired(written('docs'), hook('docs'), RUNS);
  const extra = Math.round((around.a - around.b) * 1000);
  console.log(
    `${pad('  the command around the decision')}${extra >= 0 ? '+' : ''}${extra} ms (${around.ratio.toFixed(2)}x)`,
  );
  // The calls above are an agent's first on a fresh branch: nothing committed, so git reads no
  // diff or log. Once the branch has a commit, both are read on every call.
  put('app/mod0/later.py', 'def later():\n    return 0\n');
  git('add', '-A');
  git('commit', '-qm', 'a commit on the branch');
  line('hook: a Write to docs, one commit on the branch', paired(hook('docs'), floor, RUNS));
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(series, { recursive: true, force: true });
}
