// The synthetic set of small PostgreSQL migrations the SQL benches share (bench/sql-lint.bench.mjs
// against squawk, bench/sql-pool.bench.mjs the worker pool against one thread): file `f` holds
// three or four statements of eight common kinds, every third one after a lock_timeout.
export const SQL_POLICY = 'version: 1\nmigrations:\n  sql: ["migrations/*.sql"]\n';

const STATEMENTS = [
  (t, i) =>
    `CREATE TABLE ${t}_${i} (id bigint PRIMARY KEY, name text, created_at timestamptz DEFAULT now());`,
  (t, i) => `ALTER TABLE ${t} ADD COLUMN note_${i} text;`,
  (t, i) => `CREATE INDEX ix_${t}_${i} ON ${t} (name);`,
  (t, i) => `ALTER TABLE ${t} ADD CONSTRAINT fk_${t}_${i} FOREIGN KEY (user_id) REFERENCES users (id);`,
  (t, i) => `UPDATE ${t} SET name = 'x' WHERE id = ${i};`,
  (t, i) => `ALTER TABLE ${t} ADD COLUMN uid_${i} uuid DEFAULT gen_random_uuid();`,
  (_t, i) => `DROP INDEX ix_old_${i};`,
  (t, i) => `INSERT INTO audit (t, n) VALUES ('${t}', ${i});`,
];

/** Migration `f` of the set: its repository path, its text and how many statements it holds. */
export function syntheticMigration(f) {
  const lines = [`-- migration ${f}`, f % 3 === 0 ? "SET lock_timeout = '2s';" : ''];
  const n = f % 2 === 0 ? 3 : 4;
  for (let s = 0; s < n; s++)
    lines.push(STATEMENTS[(f + s * 3) % STATEMENTS.length](`table_${f}`, f * 10 + s));
  return {
    path: `migrations/${String(f).padStart(4, '0')}_m.sql`,
    text: `${lines.join('\n')}\n`,
    statements: n + (f % 3 === 0 ? 1 : 0),
  };
}
