// `pnpm demo`: the deploy guard on bundled example repositories, failing on purpose.
//
// 1. examples/mayassistant becomes a real git repository in a temp dir; an AI agent's branch
//    (`auto/self-update-001`) then edits protected code, leaves its allowed scope, unpins a
//    dependency and drops a table. `slipway guard` must fail (exit 1) and say why.
// 2. examples/autonomos gets two embedded PostgreSQL databases (PGlite): dev at head, prod never
//    stamped. `slipway guard` audits both and must fail.
// The demo exits 0 when each guard failed as intended, 1 if a guard let a bad change through.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/dist/slipway.mjs');
const requireFromCli = createRequire(join(root, 'packages/cli/package.json'));
const work = mkdtempSync(join(tmpdir(), 'slipway-demo-'));
const human = { name: 'Maya Human', email: 'maya@example.com' };
const agent = { name: 'mayassistant-agent', email: 'mayassistant-agent@example.com' };

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const git = (cwd, who, ...args) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: who.name,
      GIT_AUTHOR_EMAIL: who.email,
      GIT_COMMITTER_NAME: who.name,
      GIT_COMMITTER_EMAIL: who.email,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
    },
  });
const edit = (dir, file, fn) => writeFileSync(join(dir, file), fn(readFileSync(join(dir, file), 'utf8')));

function guard(title, args, env = {}) {
  console.log(`\n${bold(`$ slipway ${args.join(' ')}`)}   # ${title}`);
  const r = spawnSync(process.execPath, [cli, ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return r.status;
}

function mayassistant() {
  const repo = join(work, 'mayassistant');
  cpSync(join(root, 'examples/mayassistant'), repo, { recursive: true });
  git(repo, human, 'init', '-q', '-b', 'main');
  git(repo, human, 'add', '-A');
  git(repo, human, 'commit', '-q', '-m', 'MayAssistant v1.2');
  // Production runs this commit: the record names it, as promote would have written it.
  const sha = git(repo, human, 'rev-parse', 'HEAD').trim();
  edit(repo, 'infrastructure/LAST_PROD_DEPLOY.json', (t) =>
    t.replace(/"last_good_sha": "[0-9a-f]{40}"/, `"last_good_sha": "${sha}"`),
  );
  git(repo, human, 'commit', '-q', '-am', 'Record production deploy');

  // The agent's branch breaks four rules at once.
  git(repo, agent, 'checkout', '-q', '-b', 'auto/self-update-001');
  edit(
    repo,
    'backend/app/core/security.py',
    (t) => `${t}\n\ndef skip_verification() -> bool:\n    return True\n`,
  );
  edit(repo, 'backend/app/main.py', (t) => `${t}app.debug = True\n`);
  edit(repo, 'backend/requirements.txt', (t) => t.replace('stripe==11.4.1', 'stripe>=11'));
  writeFileSync(join(repo, 'backend/app/db/migrations/002_cleanup.sql'), 'DROP TABLE users;\n');
  git(repo, agent, 'add', '-A');
  git(repo, agent, 'commit', '-q', '-m', 'Self-update: faster auth, newer stripe, drop unused table');
  return guard('an agent branch that breaks the policy', [
    'guard',
    '--repo',
    repo,
    '--label',
    'ai-generated',
  ]);
}

async function autonomos() {
  const repo = join(work, 'autonomos');
  cpSync(join(root, 'examples/autonomos'), repo, { recursive: true });
  git(repo, human, 'init', '-q', '-b', 'main');
  git(repo, human, 'add', '-A');
  git(repo, human, 'commit', '-q', '-m', 'AutonomOS');
  // Two embedded PostgreSQL databases (PGlite): dev is migrated to head; prod has the existing
  // tables but was never stamped, the state in which Replit proposes DROP TABLE.
  const { PGlite } = await import(pathToFileURL(requireFromCli.resolve('@electric-sql/pglite')).href);
  const dev = new PGlite(join(work, 'dev-db'));
  await dev.exec(`
    CREATE TABLE tenants (id serial PRIMARY KEY, name text NOT NULL, region varchar(16) NOT NULL DEFAULT 'eu');
    CREATE TABLE connector_runs (id serial PRIMARY KEY, connector varchar(64) NOT NULL, started_at timestamptz NOT NULL);
    CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);
    INSERT INTO alembic_version VALUES ('b37d9e0c5f12');`);
  await dev.close();
  const prod = new PGlite(join(work, 'prod-db'));
  await prod.exec('CREATE TABLE tenants (id serial PRIMARY KEY, name text NOT NULL);');
  await prod.close();
  return guard('dev and prod databases out of step', ['guard', '--repo', repo, '--tree'], {
    DATABASE_URL: `pglite://${join(work, 'dev-db')}`,
    DATABASE_URL_PROD: `pglite://${join(work, 'prod-db')}`,
  });
}

let failedAsIntended = 0;
let total = 0;
try {
  for (const step of [mayassistant, autonomos]) {
    total++;
    const code = await step();
    if (code === 1) failedAsIntended++;
    else console.log(bold(`\nUnexpected: the guard exited ${code}, not 1.`));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(
  bold(
    `\n${failedAsIntended} of ${total} guard runs failed on purpose, as they should: Slipway stopped each bad change (exit 1 above).`,
  ),
);
process.exit(failedAsIntended === total ? 0 : 1);
