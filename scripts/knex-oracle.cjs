#!/usr/bin/env node
// Test-only oracle for Slipway's Knex reader (packages/policy-core/src/migrations/js-*.ts): runs
// each migration's `up` against Knex's own builders, for PostgreSQL and with no connection, and
// writes the SQL Knex would send as one `.sql` file per migration. Slipway's SQL reader (not its
// JS reader) then says what those statements do, to compare with what the JS reader read.
//   node scripts/knex-oracle.cjs <folder holding node_modules/knex> <migrations folder> <out folder>
// Nothing runs on a database: every builder's `then` is replaced by one that records its SQL
// (toSQL) and resolves with an empty answer (`hasTable` false, no rows).
const fs = require('node:fs');
const path = require('node:path');

const [knexHome, folder, out] = process.argv.slice(2);
if (!knexHome || !folder || !out) {
  console.error('usage: knex-oracle.cjs <folder holding node_modules/knex> <migrations folder> <out folder>');
  process.exit(2);
}
const need = (m) => require(require.resolve(m, { paths: [knexHome] }));
const knexLib = need('knex');
let recorded = [];
const record = (b) => {
  const sql = b.toSQL();
  for (const s of Array.isArray(sql) ? sql : [sql]) {
    const text = typeof s === 'string' ? s : s.sql;
    if (!text) continue;
    const bindings = s?.bindings || [];
    // Bindings as literals, so the statement parses: identifiers are already quoted by Knex.
    let i = 0;
    recorded.push(
      text.replace(/\$\d+|\?/g, () => JSON.stringify(bindings[i++] ?? null).replace(/^"|"$/g, "'")),
    );
  }
};
const fakeThen = function (resolve, reject) {
  try {
    record(this);
  } catch (e) {
    return Promise.reject(e).then(resolve, reject);
  }
  return Promise.resolve(undefined).then(resolve, reject);
};
for (const m of ['knex/lib/schema/builder', 'knex/lib/raw', 'knex/lib/query/querybuilder']) {
  const C = need(m);
  // biome-ignore lint/suspicious/noThenProperty: Knex's builders are thenables; the oracle replaces how they run
  C.prototype.then = fakeThen;
}
fs.mkdirSync(out, { recursive: true });
const files = fs
  .readdirSync(folder)
  .filter((f) => /\.c?js$/.test(f))
  .sort();
(async () => {
  // One migration at a time, as Knex runs them: the SQL each records is its own.
  for (const f of files) {
    recorded = [];
    const k = knexLib({ client: 'pg' });
    try {
      await require(path.resolve(folder, f)).up(k);
    } catch (e) {
      recorded.push(`-- oracle: up threw ${String(e.message).split('\n')[0]}`);
    }
    fs.writeFileSync(path.join(out, `${f}.sql`), recorded.map((s) => `${s};\n`).join(''));
  }
})();
