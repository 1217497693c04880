import { describe } from 'vitest';
import { type Case, itAnswers, repeat } from './hostile-repo.js';

/**
 * Migrations an agent can write to stall the gate: many ops on one line, one line of 20 MB,
 * SQL nested 50,000 deep inside a Python string. Each is read (or refused with one finding that
 * says why) in bounded time, and the table it drops is still reported.
 */

const revision = (body: string) =>
  `revision = '0002'\ndown_revision = '0001'\n\nfrom alembic import op\n\ndef upgrade():\n${body}\n    op.drop_table('users')\n\ndef downgrade():\n    pass\n`;
const DROPS_USERS = { rule: 'MIG001', message: /drops table "users"/, error: true as const };

const CASES: Case[] = [
  {
    name: 'a migration of 160,000 ops on one line',
    files: {
      'alembic/versions/0002_line.py': revision(
        `    ${Array.from({ length: 160_000 }, (_, i) => `op.drop_table('t${i}')`).join('; ')}`,
      ),
    },
    expect: {
      rule: 'MIG001',
      message: /drops table "t0"/,
      file: 'alembic/versions/0002_line.py',
      error: true,
    },
  },
  {
    name: 'a migration whose op.execute string is one 20 MB line',
    files: {
      'alembic/versions/0002_wide.py': revision(
        `    op.execute("INSERT INTO t (a) VALUES ${repeat('(1234567890),', 1_600_000)}(0)")`,
      ),
    },
    expect: {
      rule: 'MIG030',
      message:
        /^The SQL this call executes is 2\d MB, more than the 16 MB Slipway reads of one migration's SQL, so it was not checked; split it into smaller migrations\.$/,
      file: 'alembic/versions/0002_wide.py',
      error: true,
    },
    also: [DROPS_USERS],
  },
  {
    name: 'an op.execute string nesting parentheses 50,000 deep',
    files: {
      'alembic/versions/0002_nested.py': revision(
        `    op.execute("SELECT ${repeat('(', 50_000)}1${repeat(')', 50_000)}")`,
      ),
    },
    expect: { rule: 'MIG030', message: /cannot be read statically/, file: 'alembic/versions/0002_nested.py' },
    also: [DROPS_USERS],
  },
];

describe('migrations built to stall the gate', () => {
  itAnswers(CASES);
});
