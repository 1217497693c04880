import { SERVER_COMMANDS, type CommandResponse, type TraceResult } from '../../src/protocol/index.js';
import { CommandClient } from './command-client.js';
import type { LspSession } from './lsp-session.js';
import { FixtureRepo } from './repo-fixture.js';

/**
 * The repository the trace tests trace (trace-hover.test.ts in this process, trace-over-stdio.test.ts
 * over stdio): SQL and Alembic migrations on a feature branch, and the client calls they make.
 */
export const POLICY = 'version: 1\nmigrations:\n  alembic: alembic/versions\n  sql: ["db/*.sql"]\n';

export const BASE_SQL =
  'CREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE TABLE orders (id bigint, user_id bigint);\n';

// Line 1: rewrites users; line 2: a plain index; line 3: must run outside a transaction.
export const CHANGE_SQL = `ALTER TABLE users ADD COLUMN public_id uuid DEFAULT gen_random_uuid();
CREATE INDEX ix_orders_user ON orders (user_id);
CREATE INDEX CONCURRENTLY ix_users_email ON users (email);
`;

const alembic = (rev: string, down: string | null, body: string[]) => `"""${rev}"""
from alembic import op
import sqlalchemy as sa

revision = '${rev}'
down_revision = ${down === null ? 'None' : `'${down}'`}


def upgrade():
${body.map((l) => `    ${l}`).join('\n')}
`;

export const A1 = alembic('a1', null, [
  'op.create_table("accounts", sa.Column("id", sa.BigInteger(), primary_key=True))',
  'op.create_table("invoices", sa.Column("id", sa.BigInteger()), sa.Column("account_id", sa.BigInteger()))',
]);
// Line 10 (0-based 9): the foreign key, locking both tables.
export const B2 = alembic('b2', 'a1', [
  'op.create_foreign_key("fk_invoices_account", "invoices", "accounts", ["account_id"], ["id"])',
]);

export function fixture(): FixtureRepo {
  const repo = new FixtureRepo({
    'slipway.yaml': POLICY,
    'db/001_base.sql': BASE_SQL,
    'alembic/versions/a1_base.py': A1,
  });
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write({ 'db/002_change.sql': CHANGE_SQL, 'alembic/versions/b2_fk.py': B2 });
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'change');
  return repo;
}

export const trace = (lsp: LspSession, args: Record<string, unknown> = {}) =>
  new CommandClient(lsp).run<CommandResponse<TraceResult>>(SERVER_COMMANDS.trace, args);

export const hoverText = async (lsp: LspSession, path: string, line: number, character = 2) => {
  const h = await lsp.hover(path, line, character);
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
};
