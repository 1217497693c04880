import type { Files } from './fix-proof.js';

// The repositories the expand/contract fix tests share (expand-contract-fixes, -retype).

export const INIT =
  'CREATE TABLE users (id integer PRIMARY KEY, mail varchar(255), age int, code char(10));\n';
export const RENAME = 'ALTER TABLE users RENAME COLUMN mail TO email;';
export const RETYPE = 'ALTER TABLE users ALTER COLUMN age TYPE bigint;';
export const sql = (runner: string, files: Files, extra = ''): Files => ({
  'slipway.yaml': `version: 1\nmigrations:\n  sql: ["db/migrations/**/*.sql"]\n  sql_runner: ${runner}\n${extra}`,
  ...files,
});
export const plain = (statement: string, extra = ''): Files =>
  sql('plain', { 'db/migrations/001_init.sql': INIT, 'db/migrations/002_m.sql': `${statement}\n` }, extra);
