import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finalColumnNames } from '../../src/migrations/final-column-names.js';
import { type SchemaOp, type SchemaOpKind, tableKey } from '../../src/migrations/schema-op.js';
import { opPositions, renamedToKey } from '../../src/migrations/op-positions.js';
import { LaterInRevision } from '../../src/rules/migrations/facts/later-in-revision.js';
import { netSchemaUnchanged, undoneLater } from '../../src/rules/migrations/facts/undone-in-upgrade.js';

/**
 * The indexed answers (one pass over a migration's ops, then binary searches) against the plain
 * reading they replace: scan the rest of the list for every op. Small names and few kinds make
 * collisions (the same table created, dropped, renamed again) common.
 */

const KINDS: SchemaOpKind[] = [
  'create_table',
  'drop_table',
  'rename_table',
  'add_column',
  'drop_column',
  'rename_column',
  'create_index',
  'drop_index',
  'update',
  'other',
];

const opArb: fc.Arbitrary<SchemaOp> = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    table: fc.constantFrom('a', 'B', 'c'),
    schema: fc.constantFrom(undefined, 's'),
    column: fc.constantFrom('x', 'Y', 'z'),
    index: fc.constantFrom('i1', 'I2'),
    newName: fc.constantFrom(undefined, 'x', 'y', 'w'),
    newTable: fc.constantFrom(undefined, 'a', 'b', 'd'),
  })
  .map(({ kind, table, schema, column, index, newName, newTable }) => {
    const op: SchemaOp = {
      kind,
      table,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    } as SchemaOp;
    if (schema !== undefined) op.schema = schema;
    if (kind.endsWith('_column')) op.column = column;
    if (kind.endsWith('_index')) op.index = index;
    if (kind === 'rename_column' && newName !== undefined) op.newName = newName;
    if (kind === 'rename_table' && newTable !== undefined) op.newName = newTable;
    return op;
  });

// 'max': lists up to 40 long, so the same objects meet again; fast-check's default keeps them short.
const opsArb = fc.array(opArb, { maxLength: 40, size: 'max' });
const lc = (s: string | undefined) => s?.toLowerCase();
const col = (op: SchemaOp) =>
  tableKey(op) !== undefined && op.column !== undefined ? `${tableKey(op)}\u0000${lc(op.column)}` : undefined;
const sameTable = (a: SchemaOp, b: SchemaOp) => tableKey(a) !== undefined && tableKey(a) === tableKey(b);

function undoneLaterByScan(ops: readonly SchemaOp[], i: number): boolean {
  const op = ops[i] as SchemaOp;
  const later = ops.slice(i + 1);
  const tableGone = later.some((o) => o.kind === 'drop_table' && sameTable(o, op));
  if (op.kind === 'create_table') return tableGone;
  if (op.kind === 'add_column')
    return (
      tableGone || later.some((o) => o.kind === 'drop_column' && col(op) !== undefined && col(o) === col(op))
    );
  if (op.kind === 'create_index')
    return (
      tableGone ||
      later.some((o) => o.kind === 'drop_index' && op.index !== undefined && lc(o.index) === lc(op.index))
    );
  return false;
}

function netUnchangedByScan(ops: readonly SchemaOp[]): boolean {
  const spans: { key: string; from: number; to: number }[] = [];
  ops.forEach((op, i) => {
    const key = op.kind === 'create_table' ? tableKey(op) : undefined;
    if (key === undefined) return;
    const to = ops.findIndex((o, j) => j > i && o.kind === 'drop_table' && tableKey(o) === key);
    if (to !== -1) spans.push({ key, from: i, to });
  });
  const undoesEarlier = (op: SchemaOp, i: number) => {
    const earlier = ops.slice(0, i);
    if (op.kind === 'drop_table') return earlier.some((o) => o.kind === 'create_table' && sameTable(o, op));
    if (op.kind === 'drop_column')
      return earlier.some((o) => o.kind === 'add_column' && col(op) !== undefined && col(o) === col(op));
    if (op.kind === 'drop_index')
      return earlier.some(
        (o) => o.kind === 'create_index' && op.index !== undefined && lc(o.index) === lc(op.index),
      );
    return false;
  };
  return ops.every((op, i) => {
    if (op.kind === 'update') return true;
    if (undoneLaterByScan(ops, i) || undoesEarlier(op, i)) return true;
    const key = tableKey(op);
    return key !== undefined && spans.some((s) => s.key === key && s.from <= i && i <= s.to);
  });
}

function finalNameByScan(ops: readonly SchemaOp[], at: number): string | undefined {
  const op = ops[at] as SchemaOp;
  let name = lc(op.column);
  for (const later of ops.slice(at + 1))
    if (
      later.kind === 'rename_column' &&
      later.column !== undefined &&
      tableKey(later) === tableKey(op) &&
      lc(later.column) === name
    )
      name = lc(later.newName);
  return name;
}

describe('indexed questions about one migration agree with scanning the rest of it', () => {
  it('undoneLater', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        for (let i = 0; i < ops.length; i++) expect(undoneLater(ops, i)).toBe(undoneLaterByScan(ops, i));
      }),
      { numRuns: 500 },
    );
  });

  it('netSchemaUnchanged', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        expect(netSchemaUnchanged(ops)).toBe(netUnchangedByScan(ops));
      }),
      { numRuns: 1000 },
    );
  });

  it('LaterInRevision', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        ops.forEach((op, i) => {
          const later = new LaterInRevision(ops, opPositions(ops), i);
          const rest = ops.slice(i + 1);
          const createdBefore = new Set(
            ops
              .slice(0, i)
              .filter((o) => o.kind === 'create_table')
              .map(tableKey),
          );
          const key = tableKey(op);
          expect(later.onTable('drop_table', key)).toBe(
            rest.some((o) => o.kind === 'drop_table' && tableKey(o) === key),
          );
          expect(later.firstOnIndex('create_index', op.index)).toBe(
            op.index === undefined
              ? undefined
              : rest.find((o) => o.kind === 'create_index' && lc(o.index) === lc(op.index)),
          );
          expect(later.renamesCreatedTableTo(key)).toBe(
            key !== undefined && rest.some((o) => renamedToKey(o) === key && createdBefore.has(tableKey(o))),
          );
        });
      }),
      { numRuns: 500 },
    );
  });

  it('finalColumnNames follows every rename chain', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const finals = finalColumnNames(ops);
        ops.forEach((op, i) => {
          if (op.kind === 'add_column') expect(finals.get(i)).toBe(finalNameByScan(ops, i));
        });
      }),
      { numRuns: 1000 },
    );
  });
});
