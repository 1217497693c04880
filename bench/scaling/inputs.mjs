// The inputs of the scaling bench: for each unit the issue "a gate no input can stall" names, a
// repository holding n of them, grown in that unit only. The same kinds as the property test
// packages/policy-core/test/scaling/inputs.ts, at sizes where the whole process is timed.
import crypto from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const core = await import(pathToFileURL(join(root, 'packages/policy-core/dist/index.js')).href);

const alembicModule = (body) =>
  `"""scaled\n\nRevision ID: 0001\nRevises:\n"""\nfrom alembic import op\n\nrevision = '0001'\ndown_revision = None\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;
const ALEMBIC = 'version: 1\nmigrations:\n  alembic: alembic/versions\n';
const drops = (n) => Array.from({ length: n }, (_, i) => `op.drop_table('t${i}')`);

/** One revision whose upgrade() drops n tables, one op a line. */
export const alembicOps = (n) => ({
  policy: ALEMBIC,
  files: {
    'alembic/versions/0001_scaled.py': alembicModule(
      drops(n)
        .map((d) => `    ${d}`)
        .join('\n'),
    ),
  },
});

/** An update state whose n `resets` entries are each wrong (an empty reason): n findings to place. */
export const updateState = (n) => {
  const resets = Array.from({ length: n }, () => ({ at: '2026-11-22T10:00:00Z', reason: '' }));
  const state = { schema: 1, day: '2026-11-22', attempts_today: 1, failures_today: 0, total_failures: 0 };
  return {
    policy: 'version: 1\nupdate:\n  config: config/update.toml\n  state: "bot_persistence/*/meta"\n',
    files: {
      'config/update.toml': '[update]\nchannel = "main"\n',
      'bot_persistence/main/meta/update_state.json': `${JSON.stringify({ ...state, circuit: { open: false }, resets }, null, 2)}\n`,
    },
  };
};

function auditLog(n) {
  let prev = core.GENESIS_HASH;
  const lines = [];
  for (let i = 0; i < n; i++) {
    const line = core.formatAuditLine({
      v: 1,
      time: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
      event: i % 2 ? 'PROMOTE' : 'STAGING_VERIFIED',
      environment: i % 2 ? 'production' : 'staging',
      from: (i % 16).toString(16).repeat(40),
      to: ((i + 1) % 16).toString(16).repeat(40),
      actor: { name: `engineer-${i % 7}`, kind: 'human' },
      reason: `release ${i}`,
      outcome: 'succeeded',
      prev,
    });
    lines.push(line);
    prev = crypto.createHash('sha256').update(line, 'utf8').digest('hex');
  }
  return { text: `${lines.join('\n')}\n`, head: prev };
}

/**
 * The kinds, each with its n (the 4n run takes about 1–3 s when linear, on 2 loaded cores). A kind
 * marked `change` makes `paths`: `check --base main` runs on a branch adding those files.
 */
export const KINDS = [
  { id: 'a', name: 'ops in one Alembic migration', n: 10_000, make: alembicOps },
  {
    id: 'b',
    name: 'ops on one line of an Alembic migration',
    n: 10_000,
    make: (n) => ({
      policy: ALEMBIC,
      files: { 'alembic/versions/0001_scaled.py': alembicModule(`    ${drops(n).join('; ')}`) },
    }),
  },
  {
    id: 'c',
    name: 'statements in one SQL migration',
    n: 20_000,
    make: (n) => ({
      policy: 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n',
      files: { 'db/001.sql': `${'INSERT INTO t VALUES (1);\n'.repeat(n)}DROP TABLE users;\n` },
    }),
  },
  {
    // Each IF NOT EXISTS asks the history whether its table is new: one question must not cost the file so far.
    id: 'h',
    name: 'tables made IF NOT EXISTS in one SQL migration',
    n: 5_000,
    make: (n) => ({
      policy: 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n',
      files: {
        'db/001.sql': `${Array.from(
          { length: n },
          (_, i) =>
            `CREATE TABLE IF NOT EXISTS t${i} (id int);\nALTER TABLE t${i} ADD COLUMN c int NOT NULL;\n`,
        ).join('')}DROP TABLE users;\n`,
      },
    }),
  },
  {
    // Each MIG025 finding gets the validate-later fix: one per finding must not read the file again.
    id: 'i',
    name: 'foreign keys added in one SQL migration',
    n: 5_000,
    make: (n) => ({
      policy: 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n',
      files: {
        'db/001.sql': `${Array.from(
          { length: n },
          (_, i) => `ALTER TABLE t${i} ADD CONSTRAINT f${i} FOREIGN KEY (u) REFERENCES users (id);\n`,
        ).join('')}DROP TABLE users;\n`,
      },
    }),
  },
  {
    id: 'd',
    name: 'lines of a requirements file + lock',
    n: 50_000,
    make: (n) => {
      const pins = Array.from(
        { length: n },
        (_, i) => `package-${i.toString(36)}==1.${i % 97}.${i % 13}\n`,
      ).join('');
      return {
        policy: 'version: 1\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n',
        files: { 'requirements.txt': pins, 'requirements.lock': pins },
      };
    },
  },
  {
    id: 'e',
    name: 'entries of an audit log',
    n: 40_000,
    make: (n) => {
      const log = auditLog(n);
      const record = {
        last_good_sha: '1'.repeat(40),
        deployed_at: '2025-01-08T00:00:00Z',
        audit_head: log.head,
      };
      return {
        policy: 'version: 1\ndeploy:\n  record: infra/record.json\n  audit_log: infra/audit.jsonl\n',
        files: { 'infra/audit.jsonl': log.text, 'infra/record.json': `${JSON.stringify(record, null, 2)}\n` },
      };
    },
  },
  { id: 'f', name: 'entries of an update state file', n: 5_000, make: updateState },
  {
    // A retirement migration whose every DROP TABLE carries its own allow comment.
    id: 'j',
    name: 'findings each allowed by a comment in one SQL migration',
    n: 10_000,
    make: (n) => {
      const lines = ["SET lock_timeout = '5s';"];
      for (let i = 0; i < n; i++) lines.push(`-- slipway: allow MIG001 -- retired ${i}`, `DROP TABLE t${i};`);
      return {
        policy: 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n',
        files: { 'db/001.sql': `${lines.join('\n')}\nDROP TABLE users;\n` },
      };
    },
  },
  {
    id: 'g',
    name: 'files in a change (check --base main)',
    n: 20_000,
    change: true,
    make: (n) => ({
      policy: 'version: 1\nproduction_branch: main\nprotected:\n  label: core-ok\n  paths: [core/]\n',
      paths: Array.from({ length: n }, (_, i) => `${i % 3 ? 'src' : 'core'}/m${i % 50}/f${i}.py`),
    }),
  },
  {
    // A policy of n protected patterns, a change of 200 files: each path is asked of every pattern.
    id: 'k',
    name: 'patterns of protected paths (check --base main)',
    n: 1_500,
    change: true,
    make: (n) => ({
      policy: `version: 1\nproduction_branch: main\nprotected:\n  label: core-ok\n  paths: [${Array.from({ length: n }, (_, i) => `"core${i}/**/*.py"`).join(', ')}]\n`,
      paths: Array.from({ length: 200 }, (_, i) => (i === 199 ? `core${n - 1}/x/f.py` : `src/m${i}/f.py`)),
    }),
  },
];

/**
 * A seed migration of 10 MB, written as pg_dump --inserts writes data (one INSERT a row), with a
 * DROP TABLE on its last line. Returns the text and that line (1-based, as --format json prints).
 */
export function sqlSeed(bytes = 10 * 1024 * 1024) {
  const rows = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const row = `INSERT INTO public.customers (id, email, name, created_at) VALUES (${i}, 'user${i}@example.com', 'Customer ${i}', '2024-01-01 00:00:00+00');\n`;
    rows.push(row);
    size += row.length;
  }
  rows.push('DROP TABLE legacy_customers;\n');
  return { text: rows.join(''), statements: rows.length, dropLine: rows.length };
}
