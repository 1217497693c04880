import type { SchemaOp } from '../../../migrations/schema-op.js';

/**
 * The SQL of an expand/contract plan for one column (MIG011's rename, MIG024's type change), in
 * four steps a person can follow and a reviewer can read:
 *   1. expand (in place of the statement): the new column beside the old one, and a trigger that
 *      keeps it filled from what code still writes — a brief lock, no rewrite, nothing breaks;
 *   2. backfill (a new migration, outside a transaction): the rows written before the trigger,
 *      copied a batch at a time with a COMMIT between batches, so no lock is held across the table;
 *   3. switch: the code moves to the new column (no migration: a deploy);
 *   4. contract, in a later release: the trigger, its function and the old column dropped (for a
 *      type change, the new column then takes the old name). Written out as comments: shipping it
 *      with steps 1–2 would break the code still running.
 * Names are built from plain lower-case identifiers only (the caller checks), within PostgreSQL's
 * 63 bytes; the caller offers the plan only for a column with nothing attached to it (no default,
 * NOT NULL, key, index, constraint, identity or generated value: the new column would not have
 * them) and, for a type change, a type pair whose assignment cast cannot fail.
 */
export interface ColumnMove {
  /** The table as written in the statement (plain names, maybe schema-qualified). */
  table: string;
  /** Its schema, when named: the trigger function goes there too. */
  schema?: string;
  /** Its bare name, for the names built from it. */
  bare: string;
  from: string;
  to: string;
  /** The type of the new column. */
  type: string;
  /** A rename: code may write either name while it moves, so the trigger copies both ways. */
  rename: boolean;
  /** PostgreSQL 11 and later say EXECUTE FUNCTION; before, EXECUTE PROCEDURE. */
  pg11: boolean;
  /**
   * The runner splits a file at each line ending in `;` unless told otherwise (goose,
   * sql-migrate): a body with semicolons in it goes between its StatementBegin/End markers.
   */
  markers?: 'goose' | 'sql-migrate';
}

/** How many of the table's pages (8 kB each) one backfill transaction goes through. */
export const BATCH_PAGES = 100;

/** `text` between the runner's StatementBegin/End markers, where it has them. */
export function wrapped(move: ColumnMove, text: string): string {
  if (!move.markers) return text;
  const m = move.markers === 'goose' ? '-- +goose' : '-- +migrate';
  return `${m} StatementBegin\n${text}\n${m} StatementEnd`;
}

/** The trigger function's name as SQL names it: in the table's schema when the table names one. */
export function syncFunctionName(move: ColumnMove, sync: string): string {
  return move.schema ? `${move.schema}.${sync}` : sync;
}

/** The trigger's (and its function's) name, or undefined when it would pass 63 bytes. */
export function syncName(move: Pick<ColumnMove, 'bare' | 'from' | 'to'>): string | undefined {
  const name = `${move.bare}_${move.from}_${move.to}_sync`;
  return name.length <= 63 ? name : undefined;
}

/** What step 1 does, for its comment line. */
export function expandWhat(move: ColumnMove): string {
  const { from, to } = move;
  return move.rename
    ? `"${to}" beside "${from}", of its type, kept equal to it by a trigger while code writes either name`
    : `"${to}" of the new type beside "${from}", filled from it by a trigger while code writes "${from}"`;
}

/** The trigger function of step 1 (CREATE FUNCTION, without its `;`). */
export function syncFunction(move: ColumnMove, sync: string): string {
  const { from, to } = move;
  const body = move.rename
    ? [
        "  IF TG_OP = 'INSERT' THEN",
        `    NEW.${to} := COALESCE(NEW.${to}, NEW.${from});`,
        `    NEW.${from} := COALESCE(NEW.${from}, NEW.${to});`,
        `  ELSIF NEW.${from} IS DISTINCT FROM OLD.${from} THEN`,
        `    NEW.${to} := NEW.${from};`,
        `  ELSIF NEW.${to} IS DISTINCT FROM OLD.${to} THEN`,
        `    NEW.${from} := NEW.${to};`,
        '  END IF;',
      ]
    : [`  NEW.${to} := NEW.${from};`];
  return [
    `CREATE FUNCTION ${syncFunctionName(move, sync)}() RETURNS trigger LANGUAGE plpgsql AS $slipway$`,
    'BEGIN',
    ...body,
    '  RETURN NEW;',
    'END',
    '$slipway$',
  ].join('\n');
}

/** The trigger of step 1 (without its `;`). */
export function syncTrigger(move: ColumnMove, sync: string): string {
  const call = move.pg11 ? 'FUNCTION' : 'PROCEDURE';
  return `CREATE TRIGGER ${sync} BEFORE INSERT OR UPDATE ON ${move.table} FOR EACH ROW EXECUTE ${call} ${syncFunctionName(move, sync)}()`;
}

/** Step 1 in a .sql migration, in place of the statement (whose `;` stays after the last line). */
export function expandStatements(move: ColumnMove, sync: string): string {
  return [
    `-- Expand/contract, step 1 of 4 (expand): ${expandWhat(move)}.`,
    `ALTER TABLE ${move.table} ADD COLUMN ${move.to} ${move.type};`,
    wrapped(move, `${syncFunction(move, sync)};`),
    syncTrigger(move, sync),
  ].join('\n');
}

/** What undoes step 1 in SQL (the statement's way back is replaced by it). */
export function expandUndo(move: ColumnMove, sync: string): string {
  return [
    `DROP TRIGGER ${sync} ON ${move.table};`,
    `DROP FUNCTION ${syncFunctionName(move, sync)}();`,
    `ALTER TABLE ${move.table} DROP COLUMN ${move.to}`,
  ].join('\n');
}

/** The words above step 2, as comment text (the caller adds `-- ` or `# `). */
export function backfillIntro(move: ColumnMove, expandFile: string): string[] {
  return [
    `Expand/contract, step 2 of 4 (backfill): copies "${move.from}" into "${move.to}" for the rows written before`,
    `${expandFile} added the trigger, ${BATCH_PAGES} pages of the table a transaction, so no lock is held across it.`,
    'It commits between batches: it runs outside a transaction. It fails if rows are left uncopied.',
  ];
}

/**
 * Step 2: one DO block going through the table's pages in ranges (its size read once: versions
 * the updates add at its end are already filled), copying the rows the trigger has not seen, a
 * COMMIT after each range — so it ends, and each pass reads only its own pages (a TID range scan
 * from PostgreSQL 14). COMMIT is allowed only where the block runs in no transaction block: its
 * migration runs it alone, outside a transaction. lock_timeout is put back as it was; rows still
 * uncopied at the end (a trigger of the table's own skipped them) fail the migration. Its
 * variables' names are ones no column here has (the caller checks). Without its `;`.
 */
export function backfillDo(move: ColumnMove): string {
  const { table, from, to } = move;
  const missing = `${to} IS NULL AND ${from} IS NOT NULL`;
  return [
    'DO $slipway$',
    'DECLARE',
    '  slipway_page bigint := 0;',
    `  slipway_pages bigint := pg_relation_size('${table}') / current_setting('block_size')::bigint;`,
    "  slipway_lock_timeout text := current_setting('lock_timeout');",
    'BEGIN',
    "  PERFORM set_config('lock_timeout', '5s', false);",
    '  WHILE slipway_page <= slipway_pages LOOP',
    `    UPDATE ${table} SET ${to} = ${from}`,
    `      WHERE ctid >= format('(%s,0)', slipway_page)::tid AND ctid < format('(%s,0)', slipway_page + ${BATCH_PAGES})::tid`,
    `        AND ${missing};`,
    '    COMMIT;',
    `    slipway_page := slipway_page + ${BATCH_PAGES};`,
    '  END LOOP;',
    "  PERFORM set_config('lock_timeout', slipway_lock_timeout, false);",
    `  IF EXISTS (SELECT 1 FROM ${table} WHERE ${missing}) THEN`,
    `    RAISE EXCEPTION 'rows of ${table} have "${from}" but no "${to}": a trigger of the table skipped them; run this migration again, and do not contract before it passes';`,
    '  END IF;',
    'END',
    '$slipway$',
  ].join('\n');
}

/**
 * Steps 3 and 4, as comment text (the caller adds `-- ` or `# `); the contract's statements are
 * indented two spaces after it, so they can be found and run.
 */
export function laterSteps(move: ColumnMove, sync: string): string[] {
  const { table, from, to } = move;
  return [
    move.rename
      ? `Step 3 of 4 (switch): deploy code that reads and writes "${to}" only; create on "${to}" any index or`
      : `Step 3 of 4 (switch): make the code ready for "${from}" of the new type; create on "${to}" any index or`,
    `constraint that names "${from}" (CONCURRENTLY, NOT VALID then VALIDATE): step 4 drops those with it.`,
    `Step 4 of 4 (contract), in a migration of a later release, once no running code uses "${from}":`,
    ...(move.rename ? [] : ['  BEGIN;']),
    `  DROP TRIGGER ${sync} ON ${table};`,
    `  DROP FUNCTION ${syncFunctionName(move, sync)}();`,
    `  ALTER TABLE ${table} DROP COLUMN ${from};`,
    ...(move.rename ? [] : [`  ALTER TABLE ${table} RENAME COLUMN ${to} TO ${from};`, '  COMMIT;']),
  ];
}

/** Step 2's .sql migration: the DO block its only statement, steps 3 and 4 as comments. */
export function backfillLines(move: ColumnMove, sync: string, expandFile: string): string[] {
  return [
    ...backfillIntro(move, expandFile).map((l) => `-- ${l}`),
    wrapped(move, `${backfillDo(move)};`),
    '',
    ...laterSteps(move, sync).map((l) => `-- ${l}`),
  ];
}

/** Whether `b`, a statement of the way back, plainly undoes `op` (the rename back, the old type back). */
export function undoes(b: SchemaOp, op: SchemaOp): boolean {
  if (b.table !== op.table || b.schema !== op.schema) return false;
  return op.kind === 'rename_column'
    ? b.kind === 'rename_column' && b.column === op.newName && b.newName === op.column
    : b.kind === 'alter_column_type' && b.column === op.column;
}
