import type { RuleExample } from '../../../rule.js';

/** A documentation example written as a hand-written `.sql` migration (the policy's `sql:` files). */
export function sqlExample(verdict: RuleExample['verdict'], name: string, sql: string): RuleExample {
  return { verdict, file: `db/migrations/0002_${name}.sql`, text: `${sql.trim()}\n` };
}

/** The "how to suppress" section every lock rule shares, in both comment syntaxes. */
export function suppressDocs(id: string): string {
  return (
    `One finding: \`# slipway: allow ${id} -- reason\` on its line or the line above (\`-- slipway: ` +
    `allow ${id} -- reason\` in .sql files). Every finding: \`rules: { ${id}: off }\` (or another ` +
    'severity) in the policy.'
  );
}

/** The sentence every lock rule's docs end `why` with: what `slipway trace` shows for it. */
export const TRACE_NOTE =
  '`slipway trace` runs the statement on an embedded PostgreSQL and lists the locks it really took ' +
  '(`pg_locks`) and whether the table was rewritten.';

/**
 * What the validate-later fix of MIG023, MIG025 and MIG026 does (validate-later-fix.ts), for
 * their docs' `fix`; `inPlace` says what it changes in the migration itself.
 */
export function validateLaterFixDoc(inPlace: string): string {
  return (
    ` The finding carries a fix, which \`slipway check --fix\` applies and the editor offers: ${inPlace}, and a NEW ` +
    'migration after it runs the VALIDATE (never the same one: that is MIG027). One fix covers every such ' +
    "statement of the migration. The new file is named in its runner's way: the next number of a numbered or " +
    'timestamped .sql series (plain psql; goose, dbmate and sql-migrate with their up/down markers; a golang-migrate ' +
    '`.up.sql`/`.down.sql` pair; Flyway `V<n>__`), or an Alembic revision with a fresh id whose `down_revision` is ' +
    'the head (no fix where a number would grow a digit and sort wrong as a string). It is only ' +
    "a suggestion (not applied by --fix) when the migration is not its series' last or its tree's head, when the " +
    'history has several heads (it then follows this revision, if it is one of them), or when an ' +
    "Alembic constraint's name is not wrapped in `op.f()` (a naming_convention could rename it). No fix where the " +
    'statement shares its ALTER TABLE with other actions, has a comment inside it, names no constraint, under ' +
    'other SQL runners or names, Prisma folders, a revision that is not a head of several, Django and JS migrations ' +
    "(Django's operations cannot add a constraint NOT VALID)."
  );
}

/** How the expand/contract fix (expand-contract-fix.ts) is offered, for MIG011's and MIG024's docs. */
export function expandContractFixDoc(what: string, alembic: string): string {
  return (
    ' On PostgreSQL the finding carries this plan as a fix the editor offers (a suggestion: `check --fix` never ' +
    'applies it, the code must change between its steps): ' +
    what +
    ' in place of the statement, with a trigger that keeps the new column filled from whatever the running code ' +
    'writes; a NEW migration that copies the older rows 5,000 a transaction outside any transaction (in a .sql ' +
    "series the next file, with goose's `NO TRANSACTION`, dbmate's `transaction:false` or sql-migrate's " +
    '`notransaction`, plain psql and golang-migrate running its one statement alone; in Alembic a revision after ' +
    'the head, inside `autocommit_block()`); and the contract step written out as comments for a later release. ' +
    'The way back, when it is the plain inverse, is rewritten to undo the expand step. In Alembic: ' +
    alembic +
    '. No fix where it would not be certain: a column with anything attached to it (a default, NOT NULL, a key, ' +
    'an index, a constraint of its table, identity, a generated value, a collation, serial: the new column would ' +
    'lack them) or whose type the migrations do not say; a type change whose cast could fail or lose a value (only ' +
    'wider integers, exact numerics and floats, text from a character type, a longer varchar are offered); the ' +
    'statement shares its ALTER TABLE, has a comment inside it, says more than the rename or type change, or is ' +
    'followed in its file by another statement on the table; a name is quoted or not lower-case; another finding ' +
    'of the same kind is in the file, or another fix writes the next migration; the runner has no way to run a ' +
    'file outside a transaction that the fix can write (Flyway, Pop, Sqitch, ...); Prisma folders, Django and JS ' +
    'migrations.'
  );
}
