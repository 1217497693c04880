import { formatAuditLine, GENESIS_HASH } from '@slipway/policy-core';
import { nativeSha256 } from '@slipway/policy-core/node';
import type { InputKind } from './input-kind.js';
import { ALEMBIC_HISTORY_KINDS } from './inputs-alembic-history.js';

export type { InputKind, ScaledInput } from './input-kind.js';

const alembicModule = (body: string) =>
  `"""scaled\n\nRevision ID: 0001\nRevises:\n"""\nfrom alembic import op\n\nrevision = '0001'\ndown_revision = None\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;
const ALEMBIC = 'version: 1\nmigrations:\n  alembic: alembic/versions\n';
const drops = (n: number) => Array.from({ length: n }, (_, i) => `op.drop_table('t${i}')`);

const auditLog = (n: number) => {
  let prev = GENESIS_HASH;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const line = formatAuditLine({
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
    prev = nativeSha256(line);
  }
  return { text: `${lines.join('\n')}\n`, head: prev };
};

export const INPUT_KINDS: InputKind[] = [
  {
    name: 'ops in one Alembic migration',
    n: 4000,
    make: (n) => ({
      policy: ALEMBIC,
      files: {
        'alembic/versions/0001_scaled.py': alembicModule(
          drops(n)
            .map((d) => `    ${d}`)
            .join('\n'),
        ),
      },
    }),
    reports: 'MIG001',
  },
  {
    // Each AddIndex asks for MIG020's fix, which holds only for a migration of one operation:
    // asked of the module's facts first, not of a parse of the whole file per AddIndex.
    name: 'AddIndex operations of one Django migration',
    n: 250,
    make: (n) => ({
      policy: 'version: 1\nmigrations:\n  django: shop/migrations\n',
      files: {
        'shop/migrations/__init__.py': '',
        'shop/migrations/0001_indexes.py': `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = []\n    operations = [\n${Array.from(
          { length: n },
          (_, i) =>
            `        migrations.AddIndex(model_name='m${i % 50}', index=models.Index(fields=['f${i}'], name='ix_${i}')),`,
        ).join('\n')}\n    ]\n`,
      },
    }),
    reports: 'MIG020',
  },
  {
    name: 'ops on one line of an Alembic migration',
    n: 4000,
    make: (n) => ({
      policy: ALEMBIC,
      files: { 'alembic/versions/0001_scaled.py': alembicModule(`    ${drops(n).join('; ')}`) },
    }),
    reports: 'MIG001',
  },
  {
    // Each load is found through the file list (a package's file, a path from where alembic
    // runs): once per call, never by a scan of the files per call.
    name: '.sql files one Alembic migration loads',
    n: 500,
    make: (n) => {
      const files: Record<string, string> = {};
      const calls: string[] = [];
      for (let i = 0; i < n; i++) {
        files[`app/sql/f${i}.sql`] = i === n - 1 ? 'DROP TABLE users;\n' : `CREATE TABLE t${i} (id int);\n`;
        calls.push(
          i % 2
            ? `    op.execute(importlib.resources.read_text("app.sql", "f${i}.sql"))`
            : `    op.execute(open("app/sql/f${i}.sql").read())`,
        );
      }
      files['alembic/versions/0001_scaled.py'] = alembicModule(calls.join('\n'));
      return { policy: ALEMBIC, files };
    },
    reports: 'MIG001',
  },
  {
    name: 'statements in one SQL migration',
    n: 4000,
    make: (n) => ({
      policy: 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n',
      files: { 'db/001.sql': `${'INSERT INTO t VALUES (1);\n'.repeat(n)}DROP TABLE users;\n` },
    }),
    reports: 'MIG001',
  },
  {
    // Each IF NOT EXISTS asks the history whether its table is new (guarded-table-history.ts):
    // asked with the rest of the file before it, each question costs the file so far. Each index
    // on such a table is a MIG020 finding revised from that answer (guarded-findings.ts).
    name: 'tables made IF NOT EXISTS in one SQL migration',
    n: 500,
    make: (n) => ({
      policy: 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n',
      files: {
        'db/001.sql': `${Array.from(
          { length: n },
          (_, i) =>
            `CREATE TABLE IF NOT EXISTS t${i} (id int);\nALTER TABLE t${i} ADD COLUMN c int NOT NULL;\nCREATE INDEX ix${i} ON t${i} (c);\n`,
        ).join('')}DROP TABLE users;\n`,
      },
    }),
    reports: 'MIG001',
  },
  {
    // Each call hands the handle to a method of the class, whose body is read at the call
    // (js-local-calls.ts): n calls of a 10n-line helper would be 10n^2 reading, were the bodies
    // followed not capped at 4 times the file (the cap of 256 calls alone keeps n under it).
    name: 'calls of a TypeORM migration to its own growing helper',
    n: 25,
    make: (n) => ({
      policy: 'version: 1\nmigrations:\n  typeorm: src/migrations\n',
      files: {
        'src/migrations/1700000000000-Scaled.ts': `export class Scaled1700000000000 {\n  async up(queryRunner) {\n${'    await this.helper(queryRunner);\n'.repeat(n)}    await queryRunner.query('DROP TABLE users');\n  }\n  async helper(q) {\n${"    await q.query('UPDATE t SET a = 1 WHERE id = 2');\n".repeat(10 * n)}  }\n  async down() {}\n}\n`,
      },
    }),
    reports: 'MIG001',
  },
  {
    // Each MIG025 finding gets the validate-later fix, worked out per finding: from the file's
    // statements indexed once, not the file's text and ops read again for each.
    name: 'foreign keys added in one SQL migration',
    n: 1000,
    make: (n) => ({
      policy: 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n',
      files: {
        'db/001.sql': `${Array.from(
          { length: n },
          (_, i) => `ALTER TABLE t${i} ADD CONSTRAINT f${i} FOREIGN KEY (u) REFERENCES users (id);\n`,
        ).join('')}DROP TABLE users;\n`,
      },
    }),
    reports: 'MIG001',
  },
  {
    // The same question from each migration of a series: the history before it is read once.
    name: 'SQL migrations each making a table IF NOT EXISTS',
    n: 300,
    make: (n) => {
      const files: Record<string, string> = {};
      for (let i = 0; i < n; i++)
        files[`db/${String(i).padStart(5, '0')}_t${i}.sql`] =
          `CREATE TABLE IF NOT EXISTS t${i} (id int);\nALTER TABLE t${i} ADD COLUMN c int NOT NULL;\n${i === n - 1 ? 'DROP TABLE users;\n' : ''}`;
      return { policy: 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n', files };
    },
    reports: 'MIG001',
  },
  {
    // Each `slipway: allow` comment looks up the findings it covers (findings-by-line.ts): a scan
    // of the file's findings per comment costs the file's findings so far.
    name: 'findings each allowed by a comment in one SQL migration',
    n: 3000,
    make: (n) => {
      const lines = ["SET lock_timeout = '5s';"];
      for (let i = 0; i < n; i++) lines.push(`-- slipway: allow MIG001 -- retired ${i}`, `DROP TABLE t${i};`);
      return {
        policy: 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n',
        files: { 'db/001.sql': `${lines.join('\n')}\nDROP TABLE users;\n` },
      };
    },
    reports: 'MIG001',
  },
  ...ALEMBIC_HISTORY_KINDS,
  {
    name: 'lines of a requirements file and its lock',
    n: 8000,
    make: (n) => {
      const pins = Array.from({ length: n }, (_, i) => `package-${i.toString(36)}==1.${i % 97}.${i % 13}\n`);
      // The lock pins the last package to another version: the pair no longer match there.
      const lock = [...pins.slice(0, -1), `package-${(n - 1).toString(36)}==9.9.9\n`];
      return {
        policy: 'version: 1\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n',
        files: { 'requirements.txt': pins.join(''), 'requirements.lock': lock.join('') },
      };
    },
    reports: 'DEP',
  },
  {
    name: 'entries of an audit log',
    n: 8000,
    make: (n) => {
      const log = auditLog(n);
      const record = {
        last_good_sha: '1'.repeat(40),
        deployed_at: '2025-01-08T00:00:00Z',
        audit_head: log.head,
      };
      return {
        policy: 'version: 1\ndeploy:\n  record: infra/record.json\n  audit_log: infra/audit.jsonl\n',
        files: { 'infra/audit.jsonl': log.text, 'infra/record.json': JSON.stringify(record, null, 2) },
      };
    },
    // The record's commit is not the one the log's last promote shipped.
    reports: 'REC008',
  },
  {
    // Every entry is wrong (an empty reason): each is an issue the schema reports and UPD003 places.
    name: 'entries of an update state file',
    n: 1000,
    make: (n) => {
      const resets = Array.from({ length: n }, () => ({ at: '2026-11-22T10:00:00Z', reason: '' }));
      const state = { schema: 1, day: '2026-11-22', attempts_today: 1, failures_today: 0, total_failures: 0 };
      return {
        policy: 'version: 1\nupdate:\n  config: config/update.toml\n  state: "bot_persistence/*/meta"\n',
        files: {
          'config/update.toml': '[update]\nchannel = "main"\n',
          'bot_persistence/main/meta/update_state.json': JSON.stringify(
            { ...state, circuit: { open: false }, resets },
            null,
            2,
          ),
        },
      };
    },
    reports: 'UPD003',
  },
  {
    name: 'files in a change',
    n: 8000,
    make: (n) => {
      const paths = Array.from({ length: n }, (_, i) => `${i % 3 ? 'src' : 'core'}/m${i % 50}/f${i}.py`);
      return {
        policy: 'version: 1\nprotected:\n  label: core-ok\n  paths: [core/]\n',
        files: Object.fromEntries(paths.map((p) => [p, 'x = 1\n'])),
        change: {
          base: 'a'.repeat(40),
          head: 'b'.repeat(40),
          branch: 'feature/scaled',
          labels: [],
          files: paths.map((path) => ({ status: 'modified', path })),
          commits: [],
        },
      };
    },
    // A third of the files are under core/ and the change has no label.
    reports: 'PATH001',
  },
];
