import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine.js';
import { initSqlParser } from '../../src/migrations/sql-parser.js';
import { parsePolicyText } from '../../src/policy/parse.js';
import { MemoryRepo } from '../../src/repo.js';
import { expectWithin, runs, textOf } from './text-arbitraries.js';

/**
 * `check` over generated repositories: every reader at once, on near-valid and broken files.
 * No exception, the same findings for the same repository, each inside its file's real text.
 */
beforeAll(() => initSqlParser());

const POLICY = `version: 1
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
migrations:
  alembic: alembic/versions
  sql: ["db/**/*.sql"]
deploy:
  record: infra/record.json
  audit_log: infra/audit.log
update:
  config: config/update.toml
`;

const req = textOf(
  [
    'requests==2.31.0',
    'requests',
    '[socks]',
    ' ; python_version >= "3.8"',
    '\n',
    '-r other.txt\n',
    ' \\\n',
    '--hash=sha256:ab',
    '#',
  ],
  12,
);
const py = textOf(
  [
    "revision = 'a1'\n",
    "revision = 'b1'\n",
    "down_revision = 'a1'\n",
    'down_revision = None\n',
    "branch_labels = ('x',)\n",
    'def upgrade():\n',
    'def downgrade():\n',
    "    op.drop_table('t')\n",
    "    op.drop_column('t', 'c')\n",
    '    op.execute("DROP TABLE t")\n',
    '    pass\n',
    '# slipway: allow MIG001 -- ok\n',
    '(',
  ],
  16,
);
const sql = textOf(
  [
    'DROP TABLE t;\n',
    'ALTER TABLE t DROP COLUMN c;\n',
    'CREATE INDEX i ON t (c);\n',
    '-- slipway: allow MIG001\n',
    "'",
    ';',
  ],
  10,
);
const json = textOf(
  [
    '{',
    '}',
    '"last_good_sha": ',
    '"deployed_at": ',
    '"2026-01-01T00:00:00Z"',
    '"0123456789abcdef0123456789abcdef01234567"',
    ',',
    '\n',
  ],
  14,
);
const toml = textOf(['[update]\n', 'interval_minutes = 5\n', '=', '"', '\n'], 8);

const repoArb = fc.record(
  {
    'requirements.txt': req,
    'requirements.lock': req,
    'other.txt': req,
    'alembic/versions/a1_one.py': py,
    'alembic/versions/b1_two.py': py,
    'db/001.sql': sql,
    'infra/record.json': json,
    'infra/audit.log': json,
    'config/update.toml': toml,
  },
  { requiredKeys: [] },
);

describe('check on generated repositories', () => {
  it('never throws, is stable, and keeps every finding inside its file', () => {
    const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
    if (!policy) throw new Error('test policy');
    fc.assert(
      fc.property(repoArb, (files) => {
        const all: Record<string, string> = { 'slipway.yaml': POLICY, ...files };
        const run = () =>
          runCheck({ policy, repo: new MemoryRepo(all), now: new Date('2026-01-02T00:00:00Z'), env: {} });
        const a = run();
        expect(JSON.stringify(run())).toEqual(JSON.stringify(a));
        for (const f of a.findings) {
          const text = all[f.file];
          if (text !== undefined) expectWithin(text, f.range);
          for (const r of f.related ?? []) {
            const t = all[r.file];
            if (t !== undefined) expectWithin(t, r.range);
          }
        }
      }),
      runs(60),
    );
  });
});
