import type { Finding, Position } from '../../../finding.js';
import { positionKey } from '../../../text-position.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { forwardOps } from '../../../migrations/sql-file.js';
import { type GuardedOpRule, GuardedTables, NOT_READ } from './guarded-tables.js';
import { type TableBefore, TablesBefore } from './guarded-table-history.js';
import { type MigFacts, type MigFileRule, opFile } from './mig-facts.js';

/**
 * The per-file findings on tables a migration made with CREATE TABLE IF NOT EXISTS (MIG020's
 * index on one), judged alone as "not known whether it existed", revised from the history
 * (guarded-table-history.ts): dropped when the table is new, said as on a live table when an
 * earlier migration made or used it (with where), left as not known, with why, otherwise. The
 * cached per-file findings are not touched: the revised ones replace them in `findings`.
 */
export function reviseGuardedFindings(
  facts: MigFacts,
  findings: Finding[],
  fileRules: readonly MigFileRule[],
): void {
  const rules = fileRules.filter((r): r is GuardedOpRule => 'guarded' in r);
  if (rules.length === 0) return;
  const ids = new Set(rules.map((r) => r.id));
  if (!findings.some((f) => ids.has(f.rule))) return;
  const files: { path: string; ops: readonly SchemaOp[] }[] = [
    ...facts.reportModules.map(({ module }) => ({ path: module.path, ops: module.upgrade?.ops ?? [] })),
    ...facts.reportSqlFiles.map((f) => ({ path: f.path, ops: forwardOps(f.ops) })),
  ];
  // The rules' findings by file, rule and start: each op finds its own in one look (a migration
  // of thousands of such tables has thousands of findings).
  const byPlace = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!ids.has(f.rule)) continue;
    const key = placeKey(f.file, f.rule, f.range.start);
    const list = byPlace.get(key);
    if (list) list.push(f);
    else byPlace.set(key, [f]);
  }
  const revised = new Map<Finding, Finding | undefined>();
  for (const file of files) {
    if (!file.ops.some((op) => op.createdIfMissing)) continue;
    const before = verdictsOf(facts, file);
    for (const rule of rules) reviseFile(file, rule, byPlace, revised, before);
  }
  if (revised.size === 0) return;
  const kept = findings.flatMap((f) => {
    const r = revised.has(f) ? revised.get(f) : f;
    return r ? [r] : [];
  });
  findings.length = 0;
  findings.push(...kept);
}

/**
 * What the history says of each table `file` makes IF NOT EXISTS (the first CREATE of each),
 * asked for all of them in one walk of the file, on the first need.
 */
function verdictsOf(
  facts: MigFacts,
  file: { path: string; ops: readonly SchemaOp[] },
): (made: SchemaOp) => TableBefore {
  let verdicts: Map<SchemaOp, TableBefore> | undefined;
  return (made) => {
    if (!verdicts) {
      verdicts = new Map();
      const history = new TablesBefore(facts, file.path);
      const guarded = new GuardedTables();
      for (const op of file.ops) {
        if (op.createdIfMissing && !guarded.creationOf(op)) verdicts.set(op, history.of(op));
        guarded.note(op);
        history.note(op);
      }
    }
    return verdicts.get(made) ?? { unknown: 'its place in the migration is not known' };
  };
}

function reviseFile(
  file: { path: string; ops: readonly SchemaOp[] },
  rule: GuardedOpRule,
  byPlace: ReadonlyMap<string, readonly Finding[]>,
  revised: Map<Finding, Finding | undefined>,
  tableBefore: (made: SchemaOp) => TableBefore,
): void {
  const guarded = new GuardedTables();
  for (const op of file.ops) {
    const made = guarded.creationOf(op);
    guarded.note(op);
    if (!made || made.afterDrop || !rule.guarded.matches(op)) continue;
    const at = opFile(op, file.path);
    const alone = rule.guarded.onGuardedTable(op, at, NOT_READ);
    const finding = byPlace
      .get(placeKey(at, rule.id, op.range.start))
      ?.find((f) => f.message === alone && !revised.has(f));
    if (!finding) continue;
    const was = tableBefore(made.op);
    if ('new' in was) {
      revised.set(finding, undefined);
      continue;
    }
    const message = rule.guarded.onGuardedTable(op, at, was);
    const related =
      'existed' in was
        ? [
            ...(finding.related ?? []),
            {
              file: opFile(was.existed.op, was.existed.file),
              range: was.existed.op.range,
              message: `"${op.table}" made or used here, before: ${was.existed.op.label}`,
            },
          ]
        : finding.related;
    revised.set(finding, { ...finding, message, ...(related ? { related } : {}) });
  }
}

const placeKey = (file: string, rule: string, at: Position) => `${file}\u0000${rule}\u0000${positionKey(at)}`;
