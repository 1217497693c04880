import type { Finding, Fix, TextEdit } from '../../../finding.js';
import { seriesOf } from '../../../migrations/migration-series.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import type { SqlMigrationFile } from '../../../migrations/migration-analysis.js';
import { DEFAULT_POSTGRES_VERSION } from '../../../policy/schema/migrations.js';
import { LineIndex, samePosition, sameRange } from '../../../text-position.js';
import { alembicExpandContract, upgradeOpAt } from './alembic-expand-contract.js';
import { columnTypesBefore } from './column-types-before.js';
import { safeRetype } from './safe-retype.js';
import { typeReadsBack } from '../../../migrations/sql-type-name.js';
import {
  backfillLines,
  type ColumnMove,
  expandStatements,
  expandUndo,
  syncName,
  undoes,
} from './expand-contract-sql.js';
import { findingsByFile } from './findings-by-file.js';
import type { MigFacts } from './mig-facts.js';
import { nextSqlMigration } from './next-sql-migration.js';
import { QUALIFIED, statementText } from './validate-later-step.js';

/** The rules whose hazard the plan removes: a rename (code breaks), a type change (a rewrite). */
const RULES = new Set(['MIG011', 'MIG024']);
const PLAIN = /^[a-z_][a-z0-9_]*$/;
const RENAME = new RegExp(
  String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${QUALIFIED})\s+RENAME\s+(?:COLUMN\s+)?(\S+)\s+TO\s+(\S+)$`,
  'i',
);
const RETYPE = new RegExp(
  String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${QUALIFIED})\s+ALTER\s+(?:COLUMN\s+)?(\S+)\s+(?:SET\s+DATA\s+)?TYPE\s`,
  'i',
);

/**
 * Adds the expand/contract fix (expand-contract-sql.ts) to MIG011 and MIG024 findings in .sql
 * migrations and Alembic revisions (alembic-expand-contract.ts) on PostgreSQL. Always a suggestion
 * (`choice`): between its steps the code must change, which no fix can know. Offered only where
 * every part is certain: the statement alone and the last in its file to touch the table, plain
 * lower-case names, a column with nothing attached to it (no default, NOT NULL, key, index,
 * constraint, identity, generated value, collation: the new column would lack them) whose type the
 * series itself says (column-types-before.ts) and reads back as written, for a type change a pair
 * whose assignment cast keeps every value (safe-retype.ts), the next migration's name and its way
 * out of a transaction known for the runner, no other fix writing a migration into the series, and
 * one such finding in the file. The statement's way back, where the file has one, is rewritten to
 * undo the expand step when it is the plain inverse; otherwise the title says it is left.
 */
export function addExpandContractFixes(facts: MigFacts, findings: Finding[]): void {
  if (facts.section.dialect !== 'postgresql') return;
  const byFile = findingsByFile(findings, RULES);
  if (byFile.size === 0) return;
  const sqlFiles = new Map(facts.reportSqlFiles.map((f) => [f.path, f]));
  const typesBySeries = new Map<string, Map<SchemaOp, string>>();
  const lasts = new Map<string, string | undefined>();
  let listed: Set<string> | undefined;
  const pg11 = (facts.section.postgres_version ?? DEFAULT_POSTGRES_VERSION) >= 11;
  const modules = new Map(facts.reportModules.map((e) => [e.module.path, e]));
  // The series another fix already writes a new migration into (validate-later's, certain, applied
  // by --fix): a backfill there would take the same next number.
  const taken = new Set(
    findings.flatMap((f) =>
      (f.fixes ?? []).flatMap((x) => x.edits.filter((e) => e.create).map((e) => seriesOf(e.file))),
    ),
  );
  const listFiles = () => {
    listed ??= new Set(facts.ctx.repo.listFiles());
    return listed;
  };
  for (const [path, at] of byFile) {
    const file = sqlFiles.get(path);
    const i = at[0] as number;
    const finding = findings[i] as Finding;
    // An Alembic revision: the backfill would be a second revision after the head beside the one
    // another fix writes there (two heads).
    const entry = file || at.length !== 1 || taken.has(seriesOf(path)) ? undefined : modules.get(path);
    const moduleOp = entry && upgradeOpAt(entry.module, finding);
    const alembic = entry && moduleOp && alembicExpandContract(facts, entry, moduleOp, pg11, listFiles);
    if (alembic) findings[i] = { ...finding, fixes: [...(finding.fixes ?? []), alembic] };
    const op = file?.ops.find((o) => !o.back && sameRange(o.range, finding.range));
    const text =
      file && op && at.length === 1 && SAFE_PATH.test(path) ? facts.ctx.repo.readFile(path) : undefined;
    if (!file || !op || text === undefined || touchedLater(op, file)) continue;
    const series = seriesOf(path);
    if (taken.has(series)) continue;
    if (!typesBySeries.has(series)) typesBySeries.set(series, columnTypesBefore(facts.analysis, series));
    const runner = facts.analysis.sqlRunner;
    const markers = runner === 'goose' || runner === 'sql-migrate' ? runner : undefined;
    if (markers && openBlock(text.slice(0, new LineIndex(text).offset(op.range.start)))) continue;
    const move = columnMove(op, file, text, typesBySeries.get(series), {
      pg11,
      ...(markers ? { markers } : {}),
    });
    const sync = move && syncName(move);
    if (!move || !sync) continue;
    const next = nextSqlMigration(
      facts.analysis,
      path,
      {
        word: `backfill_${move.bare}_${move.to}`,
        up: backfillLines(move, sync, path.slice(series.length)),
        back: [
          '-- Nothing to undo: copying rows changes no schema; the way back of the expand step drops the column.',
        ],
        outsideTransaction: true,
      },
      listFiles(),
      lasts,
    );
    if (!next) continue;
    const undo = inverseOf(op, facts.analysis.sqlFiles, path, facts.analysis.sqlRunner);
    const edits: TextEdit[] = [{ file: path, range: op.range, newText: expandStatements(move, sync) }];
    if (undo) edits.push({ file: undo.file, range: undo.op.range, newText: expandUndo(move, sync) });
    const left = !undo && backOps(facts.analysis.sqlFiles, path, facts.analysis.sqlRunner).length > 0;
    const fix: Fix = {
      title:
        `Expand/contract: add "${move.to}" beside "${move.from}" (a trigger keeps it filled), backfill in batches in ` +
        `${next.path}; switch the code, then drop "${move.from}" in a later release (a suggestion${
          next.uncertain ? `: ${next.uncertain}` : ''
        }${left ? '; its way back is left as it was' : ''})`,
      edits: [...edits, ...next.edits],
      choice: true,
    };
    findings[i] = { ...finding, fixes: [...(finding.fixes ?? []), fix] };
  }
}

/** A path the fix may name in the files it writes (comments, names): no space, quote or newline. */
const SAFE_PATH = /^[A-Za-z0-9_./-]+$/;
/** The backfill's own variables: no column of the plan may be named like them. */
const RESERVED = /^slipway_/;

/** The column move a rename or type change statement asks for, where it can be written certainly. */
function columnMove(
  op: SchemaOp,
  file: SqlMigrationFile,
  text: string,
  typesBefore: Map<SchemaOp, string> | undefined,
  how: Pick<ColumnMove, 'pg11' | 'markers'>,
): ColumnMove | undefined {
  const body = statementText(op, file.path, text, file.ops);
  if (body === undefined) return undefined;
  const rename = op.kind === 'rename_column' ? RENAME.exec(body) : null;
  const retype = op.kind === 'alter_column_type' ? RETYPE.exec(body) : null;
  const m = rename ?? retype;
  if (!m || op.column === undefined) return undefined;
  const parts = (m[1] as string).split('.').map((p) => p.trim());
  const [bare, schema] = [parts[parts.length - 1] as string, parts.length === 2 ? parts[0] : undefined];
  const from = m[2] as string;
  const to = rename ? (m[3] as string) : `${from}_new`;
  const names = [...parts, from, to];
  if (!names.every((n) => PLAIN.test(n)) || names.some((n) => RESERVED.test(n)) || from !== op.column)
    return undefined;
  const old = typesBefore?.get(op);
  if (old === undefined || !typeReadsBack(old)) return undefined;
  let type = old;
  if (!rename) {
    if (op.using || /\bCOLLATE\b/i.test(body) || !op.columnType || !safeRetype(old, op.columnType))
      return undefined;
    type = op.columnType;
  }
  const table = parts.join('.');
  return { table, ...(schema ? { schema } : {}), bare, from, to, type, rename: rename !== null, ...how };
}

/** A later statement of the file works on the same table: it was written for the column as changed. */
function touchedLater(op: SchemaOp, file: SqlMigrationFile): boolean {
  const after = file.ops.slice(file.ops.indexOf(op) + 1);
  return after.some((o) => !o.back && o.table === op.table && o.schema === op.schema);
}

/** The text before a statement leaves a StatementBegin block open (goose, sql-migrate). */
function openBlock(before: string): boolean {
  let open = false;
  for (const m of before.matchAll(/^[ \t]*--[ \t]*\+(?:goose|migrate)[ \t]+Statement(Begin|End)\b/gim))
    open = (m[1] as string).toLowerCase() === 'begin';
  return open;
}

/** The statement of the file's way back that plainly undoes `op` (RENAME back, the old TYPE back). */
function inverseOf(
  op: SchemaOp,
  files: readonly SqlMigrationFile[],
  path: string,
  runner: string,
): { file: string; op: SchemaOp } | undefined {
  const candidates = backOps(files, path, runner);
  const match = candidates.find(({ op: b }) => undoes(b, op));
  // Alone in its statement: an ALTER TABLE with several actions is not replaced whole.
  const same = candidates.filter(
    ({ file, op: b }) => match && file === match.file && samePosition(b.range.start, match.op.range.start),
  );
  return match && same.length === 1 ? match : undefined;
}

function backOps(files: readonly SqlMigrationFile[], path: string, runner: string) {
  const down = runner === 'golang-migrate' ? path.replace(/\.up\.sql$/, '.down.sql') : path;
  return files
    .filter((f) => f.path === path || f.path === down)
    .flatMap((f) => f.ops.filter((o) => o.back || f.path !== path).map((o) => ({ file: f.path, op: o })));
}
