import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// SQL a migration runs without being a migration itself — a file a revision reads into
// op.execute, a file a .sql migration includes with psql's \ir — is judged at the agent's tool
// call as CI judges it: at the migration that runs it. Which revision reads a file is known only
// once the migrations are read, so the gate runs the MIG rules on any SQL written (and so judges,
// as CI does, a .sql no migration runs that changes the schema by hand: MIG121).
const POLICY = `version: 1
production_branch: main
migrations:
  alembic: alembic/versions
  sql: ["db/*.sql"]
`;
const REVISION = `from pathlib import Path
from alembic import op

revision = 'a1'
down_revision = None


def upgrade():
    op.execute((Path(__file__).parent.parent / 'sql' / 'a1_upgrade.sql').read_text())


def downgrade():
    op.execute("DROP TABLE users")
`;

const session = new AgentSession({
  'slipway.yaml': POLICY,
  'alembic/versions/a1_init.py': REVISION,
  'alembic/sql/a1_upgrade.sql': 'CREATE TABLE users (id int);\n',
  'db/001_init.sql': '\\ir lib/orders.sql\n',
  'db/lib/orders.sql': 'CREATE TABLE orders (id int);\n',
  'reports/weekly.sql': 'SELECT count(*) FROM orders;\n',
});
const write = (rel: string, content: string) => session.write(rel, content);

describe('the gate on SQL a migration runs', () => {
  it('refuses a drop written into the file a revision reads; an added table passes', () => {
    const drop = write('alembic/sql/a1_upgrade.sql', 'CREATE TABLE users (id int);\nDROP TABLE orders;\n');
    expect(drop.code).toBe(2);
    expect(drop.stderr).toMatch(/\[MIG001\] alembic\/sql\/a1_upgrade\.sql: .*"orders"/);
    const add = write(
      'alembic/sql/a1_upgrade.sql',
      'CREATE TABLE users (id int);\nCREATE TABLE notes (id int);\n',
    );
    expect(add).toMatchObject({ code: 0, stdout: '' });
  });

  it('refuses a drop written into a file a .sql migration includes, and schema changed by hand elsewhere', () => {
    const drop = write('db/lib/orders.sql', 'DROP TABLE users;\n');
    expect(drop.code).toBe(2);
    expect(drop.stderr).toMatch(/\[MIG001\] db\/lib\/orders\.sql/);
    // As CI says of it: a .sql no migration runs that changes the schema is MIG121's.
    const byHand = write('reports/weekly.sql', 'DROP TABLE orders;\n');
    expect(byHand.code).toBe(2);
    expect(byHand.stderr).toMatch(/\[MIG121\] reports\/weekly\.sql/);
    expect(write('reports/weekly.sql', 'SELECT count(*) FROM orders WHERE id > 10;\n')).toMatchObject({
      code: 0,
      stdout: '',
    });
  });
});
