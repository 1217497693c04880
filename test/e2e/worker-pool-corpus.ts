/**
 * A repository of `sql` .sql migrations under db/ and `alembic` Alembic revisions under
 * alembic/versions, with what each kind of MIG rule reads: destructive statements (per file),
 * a lock_timeout set in one statement and relied on by the next (across statements), a file
 * PostgreSQL rejects, non-ASCII text, a byte order mark, a suppression comment, and two Alembic
 * heads (the graph). Deterministic: the same arguments give the same files.
 */
export function generatedMigrations(sql: number, alembic: number): Record<string, string> {
  const sections = [`  sql: ["db/*.sql"]`, ...(alembic > 0 ? ['  alembic: alembic/versions'] : [])];
  const files: Record<string, string> = {
    'slipway.yaml': `version: 1\nmigrations:\n${sections.join('\n')}\n`,
  };
  for (let i = 0; i < sql; i++) files[`db/${String(i).padStart(4, '0')}_m.sql`] = sqlFile(i);
  for (let i = 0; i < alembic; i++)
    files[`alembic/versions/r${String(i).padStart(4, '0')}.py`] = revision(i, alembic);
  return files;
}

const STATEMENTS = [
  (t: string, i: number) => `CREATE TABLE ${t}_${i} (id bigint PRIMARY KEY, name text DEFAULT 'ü');`,
  (t: string, i: number) => `ALTER TABLE ${t} ADD COLUMN note_${i} text;`,
  (t: string, i: number) => `CREATE INDEX ix_${t}_${i} ON ${t} (name);`,
  (t: string, i: number) => `ALTER TABLE ${t} ADD CONSTRAINT fk_${i} FOREIGN KEY (u) REFERENCES users (id);`,
  (t: string, i: number) => `UPDATE ${t} SET name = 'x' WHERE id = ${i};`,
  (t: string, i: number) => `ALTER TABLE ${t} ADD COLUMN uid_${i} uuid DEFAULT gen_random_uuid();`,
  (_t: string, i: number) => `DROP INDEX ix_old_${i};`,
  (t: string) => `DROP TABLE ${t}_old;`,
  (t: string, i: number) => `DELETE FROM ${t} WHERE id < ${i};`,
];

function sqlFile(i: number): string {
  const t = `table_${i}`;
  const lines = [`-- migration ${i}: données`];
  if (i % 3 === 0) lines.push("SET lock_timeout = '2s';");
  if (i % 11 === 5) lines.push('-- slipway: allow MIG001 -- the old table is empty');
  for (let s = 0; s < 2 + (i % 4); s++)
    lines.push((STATEMENTS[(i + s * 4) % STATEMENTS.length] as (typeof STATEMENTS)[0])(t, i * 10 + s));
  if (i % 37 === 9) lines.push('ALTER TABLE broken ADD COLUMN;');
  const text = `${lines.join('\n')}\n`;
  return i % 50 === 7 ? `\ufeff${text}` : text;
}

/** A chain of revisions, the last two both on the one before them: two heads. */
function revision(i: number, n: number): string {
  const id = `r${String(i).padStart(4, '0')}`;
  const parent = i === 0 ? 'None' : `"r${String(i === n - 1 && n > 2 ? i - 2 : i - 1).padStart(4, '0')}"`;
  return `"""revision ${i}"""
import sqlalchemy as sa
from alembic import op

revision = "${id}"
down_revision = ${parent}
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("c${i}", sa.Text(), nullable=${i % 2 === 0 ? 'False' : 'True'}))
    op.execute("DROP TABLE old_${i}")


def downgrade():
    op.drop_column("users", "c${i}")
`;
}
