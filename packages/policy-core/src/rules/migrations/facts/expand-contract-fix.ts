import type { Finding, Fix, TextEdit } from '../../../finding.js';
import { seriesOf } from '../../../migrations/migration-series.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import type { SqlMigrationFile } from '../../../migrations/migration-analysis.js';
import { DEFAULT_POSTGRES_VERSION } from '../../../policy/schema/migrations.js';
import { samePosition, sameRange } from '../../../text-position.js';
import { alembicExpandContract, upgradeOpAt } from './alembic-expand-contract.js';
import { renamedColumnTypes } from './column-types-before.js';
import {
  backfillLines,
  type ColumnMove,
  expandStatements,
  expandUndo,
  syncName,
} from './expand-contract-sql.js';
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
 * migrations and Alembic revisions (alembic-expand-contract.ts) on PostgreSQL. Always a suggestion (`choice`): between its steps the code must change,
 * which no fix can know. Offered only where every part is certain: the statement alone, plain
 * lower-case names, the column's type known (a rename: from the series itself; a type change: the
 * new type, with no USING or COLLATE, which the trigger could not repeat), the next migration's
 * name and its way out of a transaction known for the runner, and one such finding in the file
 * (two plans would each write the same next migration). The statement's way back, where the file
 * has one, is rewritten to undo the expand step when it is the plain inverse; otherwise the title
 * says it is left to the person.
 */
export function addExpandContractFixes(facts: MigFacts, findings: Finding[]): void {
  if (facts.section.dialect !== 'postgresql') return;
  const byFile = new Map<string, number[]>();
  for (const [i, f] of findings.entries())
    if (RULES.has(f.rule)) byFile.set(f.file, [...(byFile.get(f.file) ?? []), i]);
  if (byFile.size === 0) return;
  const sqlFiles = new Map(facts.reportSqlFiles.map((f) => [f.path, f]));
  const typesBySeries = new Map<string, Map<SchemaOp, string>>();
  const lasts = new Map<string, string | undefined>();
  let listed: Set<string> | undefined;
  const pg11 = (facts.section.postgres_version ?? DEFAULT_POSTGRES_VERSION) >= 11;
  const modules = new Map(facts.reportModules.map((e) => [e.module.path, e]));
  const listFiles = () => {
    listed ??= new Set(facts.ctx.repo.listFiles());
    return listed;
  };
  for (const [path, at] of byFile) {
    const file = sqlFiles.get(path);
    const i = at[0] as number;
    const finding = findings[i] as Finding;
    const entry = file || at.length !== 1 ? undefined : modules.get(path);
    const moduleOp = entry && upgradeOpAt(entry.module, finding);
    const alembic = entry && moduleOp && alembicExpandContract(facts, entry, moduleOp, pg11, listFiles);
    if (alembic) findings[i] = { ...finding, fixes: [...(finding.fixes ?? []), alembic] };
    const op = file?.ops.find((o) => !o.back && sameRange(o.range, finding.range));
    const text = file && op && at.length === 1 ? facts.ctx.repo.readFile(path) : undefined;
    if (!file || !op || text === undefined) continue;
    const series = seriesOf(path);
    if (op.kind === 'rename_column' && !typesBySeries.has(series))
      typesBySeries.set(series, renamedColumnTypes(facts.analysis, series));
    const move = columnMove(op, file, text, typesBySeries.get(series), pg11);
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

/** The column move a rename or type change statement asks for, where it can be written certainly. */
function columnMove(
  op: SchemaOp,
  file: SqlMigrationFile,
  text: string,
  renamed: Map<SchemaOp, string> | undefined,
  pg11: boolean,
): ColumnMove | undefined {
  const body = statementText(op, file.path, text, file.ops);
  if (body === undefined) return undefined;
  const rename = op.kind === 'rename_column' ? RENAME.exec(body) : null;
  const retype = op.kind === 'alter_column_type' ? RETYPE.exec(body) : null;
  const m = rename ?? retype;
  if (!m || op.column === undefined) return undefined;
  const table = m[1] as string;
  const bare = (table.split('.').pop() ?? '').trim();
  const from = m[2] as string;
  const to = rename ? (m[3] as string) : `${from}_new`;
  if (![bare, from, to].every((n) => PLAIN.test(n)) || from !== op.column) return undefined;
  const type = rename ? renamed?.get(op) : op.using || /\bCOLLATE\b/i.test(body) ? undefined : op.columnType;
  if (type === undefined) return undefined;
  return { table, bare, from, to, type, rename: rename !== null, pg11 };
}

/** The statement of the file's way back that plainly undoes `op` (RENAME back, the old TYPE back). */
function inverseOf(
  op: SchemaOp,
  files: readonly SqlMigrationFile[],
  path: string,
  runner: string,
): { file: string; op: SchemaOp } | undefined {
  const candidates = backOps(files, path, runner);
  const match = candidates.find(({ op: b }) =>
    op.kind === 'rename_column'
      ? b.kind === 'rename_column' &&
        b.table === op.table &&
        b.column === op.newName &&
        b.newName === op.column
      : b.kind === 'alter_column_type' && b.table === op.table && b.column === op.column,
  );
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
