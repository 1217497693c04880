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
 * 63 bytes.
 */
export interface ColumnMove {
  /** The table as written in the statement (maybe schema-qualified). */
  table: string;
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
}

/** How many rows each backfill transaction copies. */
export const BATCH_ROWS = 5000;

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
    `CREATE FUNCTION ${sync}() RETURNS trigger LANGUAGE plpgsql AS $slipway$`,
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
  return `CREATE TRIGGER ${sync} BEFORE INSERT OR UPDATE ON ${move.table} FOR EACH ROW EXECUTE ${call} ${sync}()`;
}

/** Step 1 in a .sql migration, in place of the statement (whose `;` stays after the last line). */
export function expandStatements(move: ColumnMove, sync: string): string {
  return [
    `-- Expand/contract, step 1 of 4 (expand): ${expandWhat(move)}.`,
    `ALTER TABLE ${move.table} ADD COLUMN ${move.to} ${move.type};`,
    `${syncFunction(move, sync)};`,
    syncTrigger(move, sync),
  ].join('\n');
}

/** What undoes step 1 in SQL (the statement's way back is replaced by it). */
export function expandUndo(move: ColumnMove, sync: string): string {
  return [
    `DROP TRIGGER ${sync} ON ${move.table};`,
    `DROP FUNCTION ${sync}();`,
    `ALTER TABLE ${move.table} DROP COLUMN ${move.to}`,
  ].join('\n');
}

/** The words above step 2, as comment text (the caller adds `-- ` or `# `). */
export function backfillIntro(move: ColumnMove, expandFile: string): string[] {
  return [
    `Expand/contract, step 2 of 4 (backfill): copies "${move.from}" into "${move.to}" for the rows written before`,
    `${expandFile} added the trigger, ${BATCH_ROWS.toLocaleString('en')} rows a transaction, so no lock is held across the table.`,
    'It commits between batches: it runs outside a transaction.',
  ];
}

/**
 * Step 2: one DO block copying the rows the trigger has not seen, a batch at a time with a COMMIT
 * between (allowed only where the block runs in no transaction block: its migration runs it alone,
 * outside a transaction). Without its `;`.
 */
export function backfillDo(move: ColumnMove): string {
  const { table, from, to } = move;
  return [
    'DO $slipway$',
    'DECLARE',
    '  copied bigint;',
    'BEGIN',
    "  PERFORM set_config('lock_timeout', '5s', false);",
    '  LOOP',
    `    UPDATE ${table} SET ${to} = ${from}`,
    `      WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${table} WHERE ${to} IS NULL AND ${from} IS NOT NULL LIMIT ${BATCH_ROWS}));`,
    '    GET DIAGNOSTICS copied = ROW_COUNT;',
    '    EXIT WHEN copied = 0;',
    '    COMMIT;',
    '  END LOOP;',
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
    ...(move.rename
      ? [`Step 3 of 4 (switch): deploy code that reads and writes "${to}" only.`]
      : [
          `Step 3 of 4 (switch): make the code ready for "${from}" of the new type; create on "${to}" the`,
          `indexes, constraints, default and NOT NULL "${from}" has (CONCURRENTLY, NOT VALID then VALIDATE).`,
        ]),
    `Step 4 of 4 (contract), in a migration of a later release, once no running code uses "${from}":`,
    ...(move.rename ? [] : ['  BEGIN;']),
    `  DROP TRIGGER ${sync} ON ${table};`,
    `  DROP FUNCTION ${sync}();`,
    `  ALTER TABLE ${table} DROP COLUMN ${from};`,
    ...(move.rename ? [] : [`  ALTER TABLE ${table} RENAME COLUMN ${to} TO ${from};`, '  COMMIT;']),
  ];
}

/** Step 2's .sql migration: the DO block its only statement, steps 3 and 4 as comments. */
export function backfillLines(move: ColumnMove, sync: string, expandFile: string): string[] {
  return [
    ...backfillIntro(move, expandFile).map((l) => `-- ${l}`),
    `${backfillDo(move)};`,
    '',
    ...laterSteps(move, sync).map((l) => `-- ${l}`),
  ];
}
