import type { Finding, Fix, TextEdit } from '../../../finding.js';
import type { MigrationModule } from '../../../migrations/alembic-module.js';
import type { MigrationTree, SqlMigrationFile } from '../../../migrations/migration-analysis.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { LineIndex, positionKey } from '../../../text-position.js';

/**
 * The two halves of a validate-later fix (MIG025, MIG026, MIG023) for one statement: what changes
 * in place (the constraint added NOT VALID: a short lock, no scan) and the SQL a NEW migration
 * runs after it (VALIDATE CONSTRAINT, under SHARE UPDATE EXCLUSIVE, reads and writes going on).
 * Validating in the same migration would be MIG027's hazard, so the later half never goes there.
 */
export interface ValidateLaterStep {
  inPlace: TextEdit[];
  /** Statements for the new migration, without their semicolons, in order. */
  later: string[];
  /** What undoes `later` in the new migration's way back (none for a VALIDATE: it changes no schema). */
  undo: string[];
  /** A word for the new migration's name: the constraint it validates. */
  name: string;
}

/** A plain or double-quoted identifier, optionally schema-qualified. */
export const IDENT = `(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
export const QUALIFIED = String.raw`${IDENT}(?:\s*\.\s*${IDENT})?`;
const ADD_CONSTRAINT = new RegExp(
  String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${QUALIFIED})\s+ADD\s+CONSTRAINT\s+(${IDENT})\s+(?:FOREIGN\s+KEY|CHECK)\b`,
  'i',
);
const SET_NOT_NULL = new RegExp(
  String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${QUALIFIED})\s+ALTER\s+(?:COLUMN\s+)?(${IDENT})\s+SET\s+NOT\s+NULL$`,
  'i',
);
const PLAIN = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/**
 * The statements of one .sql migration by where they start, with the file's line index: built
 * once per file, asked once per finding (a migration of thousands of constraints has thousands).
 */
export class SqlStatements {
  private readonly index: LineIndex;
  /** How many ops start at each position: an ALTER TABLE with several actions has several. */
  private readonly starting = new Map<string, number>();

  constructor(
    private readonly path: string,
    private readonly text: string,
    ops: readonly SchemaOp[],
  ) {
    this.index = new LineIndex(text);
    for (const op of ops) {
      const at = positionKey(op.range.start);
      this.starting.set(at, (this.starting.get(at) ?? 0) + 1);
    }
  }

  /**
   * `op`'s statement, in this file, alone in its statement (an ALTER TABLE with several actions
   * would take NOT VALID on its last one only), with no comment inside it (the edit goes at its
   * end) and no NOT VALID already: its text, or undefined.
   */
  textOf(op: SchemaOp): string | undefined {
    if (op.file !== undefined && op.file !== this.path) return undefined;
    if (this.starting.get(positionKey(op.range.start)) !== 1) return undefined;
    const body = this.text.slice(this.index.offset(op.range.start), this.index.offset(op.range.end));
    if (/--|\/\*|\bNOT\s+VALID\b/i.test(body)) return undefined;
    return body;
  }
}

/** SqlStatements.textOf for one statement of a file. */
export function statementText(
  op: SchemaOp,
  path: string,
  text: string,
  ops: readonly SchemaOp[],
): string | undefined {
  return new SqlStatements(path, text, ops).textOf(op);
}

/**
 * The line above the new migration's SET NOT NULL: MIG023 judges one file alone and cannot see
 * that the check it validates was added, NOT VALID, by the migration before it.
 */
export function provenNote(prefix: string, check: string): string {
  return `${prefix} slipway: allow MIG023 -- ${check}, validated just before, proves the column: PostgreSQL 12+ sets NOT NULL without a scan`;
}

/** MIG025/MIG026 in SQL: ` NOT VALID` at the end of the statement, then VALIDATE CONSTRAINT. */
export function sqlNotValidStep(
  op: SchemaOp,
  path: string,
  statements: SqlStatements,
): ValidateLaterStep | undefined {
  if (op.kind !== 'add_constraint' || op.notValid) return undefined;
  const body = statements.textOf(op);
  const m = body === undefined ? null : ADD_CONSTRAINT.exec(body);
  if (!m) return undefined;
  const [, table, constraint] = m as unknown as [string, string, string];
  return {
    inPlace: [{ file: path, range: { start: op.range.end, end: op.range.end }, newText: ' NOT VALID' }],
    later: [`ALTER TABLE ${table} VALIDATE CONSTRAINT ${constraint}`],
    undo: [],
    name: constraint.replace(/"/g, ''),
  };
}

/**
 * MIG023 in SQL, PostgreSQL 12 and later: `SET NOT NULL` becomes a CHECK (c IS NOT NULL) added
 * NOT VALID; the new migration validates it, sets the column NOT NULL (which uses the validated
 * check and scans nothing) and drops the check. Offered for plain names only (the constraint's
 * name is built from them, at most 63 bytes, PostgreSQL's limit).
 */
export function sqlSetNotNullStep(
  op: SchemaOp,
  path: string,
  statements: SqlStatements,
): ValidateLaterStep | undefined {
  if (op.kind !== 'set_not_null') return undefined;
  const body = statements.textOf(op);
  const m = body === undefined ? null : SET_NOT_NULL.exec(body);
  if (!m) return undefined;
  const [, table, column] = m as unknown as [string, string, string];
  const bare = table.split('.').pop()?.trim() ?? '';
  if (!PLAIN.test(bare) || !PLAIN.test(column)) return undefined;
  const check = `${bare}_${column}_not_null`.toLowerCase();
  if (check.length > 63) return undefined;
  return {
    inPlace: [
      {
        file: path,
        range: op.range,
        newText: `ALTER TABLE ${table} ADD CONSTRAINT ${check} CHECK (${column} IS NOT NULL) NOT VALID`,
      },
    ],
    later: [
      `ALTER TABLE ${table} VALIDATE CONSTRAINT ${check}`,
      `${provenNote('--', check)}\nALTER TABLE ${table} ALTER COLUMN ${column} SET NOT NULL`,
      `ALTER TABLE ${table} DROP CONSTRAINT ${check}`,
    ],
    undo: [`ALTER TABLE ${table} ALTER COLUMN ${column} DROP NOT NULL`],
    name: `${column}_not_null`.toLowerCase(),
  };
}

/** The fix: every in-place edit, then the new migration; a suggestion when its place is not certain. */
export function fixOf(
  steps: readonly ValidateLaterStep[],
  created: Fix['edits'],
  newPath: string,
  uncertain: string | undefined,
): Fix {
  const what = steps.length === 1 ? 'Add it NOT VALID' : `Add ${steps.length} constraints NOT VALID`;
  const title = `${what} and VALIDATE in a new migration, ${newPath}${uncertain ? ` (a suggestion: ${uncertain})` : ''}`;
  return {
    title,
    edits: [...steps.flatMap((s) => s.inPlace), ...created],
    ...(uncertain ? { choice: true as const } : {}),
  };
}

/** The findings' places in the list, in the order of their statements in the file. */
export function inFileOrder(at: readonly number[], findings: readonly Finding[]): number[] {
  const start = (i: number) => (findings[i] as Finding).range.start;
  return [...at].sort((a, b) => start(a).line - start(b).line || start(a).character - start(b).character);
}

/** What the fixes of one check share, worked out once (thousands of findings ask for them). */
export interface Memo {
  listed(): Set<string>;
  sqlFiles: Map<string, SqlMigrationFile>;
  modules: Map<string, { tree: MigrationTree; module: MigrationModule }>;
  /** Per series: its last forward file, when the fix can name the next one. */
  lasts: Map<string, string | undefined>;
  /** Per Alembic tree: its heads and the revisions it has. */
  trees: Map<MigrationTree, { heads: string[]; known: Set<string | undefined> }>;
}
