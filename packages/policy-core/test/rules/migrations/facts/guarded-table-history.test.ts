import { describe, expect, it } from 'vitest';
import type { MigrationAnalysis } from '../../../../src/migrations/migration-analysis.js';
import { renamedToKey } from '../../../../src/migrations/op-positions.js';
import { type SchemaOp, tableKey } from '../../../../src/migrations/schema-op.js';
import {
  type TableBefore,
  TablesBefore,
} from '../../../../src/rules/migrations/facts/guarded-table-history.js';
import type { MigFacts } from '../../../../src/rules/migrations/facts/mig-facts.js';

// TablesBefore answers each question from an index built once (table-steps.ts). Its answers must
// be those of reading the whole history again for every question: the plain reading below,
// written from the rule's definition (the last word on the table since the first migration; a
// doubt after that word leaves it unknown), over random .sql series.

const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
type Extra = Partial<Pick<SchemaOp, 'createdIfMissing' | 'conditional' | 'ifExists' | 'newName'>>;
const op = (kind: SchemaOp['kind'], table?: string, extra: Extra = {}) =>
  ({ kind, label: `${kind} ${table ?? ''}`, range: at, ...(table ? { table } : {}), ...extra }) as SchemaOp;

const USES = new Set(['add_column', 'create_index', 'drop_column', 'alter_table']);

/** The plain reading: every op before the question, in order, from the first migration. */
function plainReading(history: { path: string; ops: SchemaOp[] }[], created: SchemaOp): TableBefore {
  const key = tableKey(created) as string;
  let last: { file: string; op: SchemaOp } | 'gone' | undefined;
  let doubted: string | undefined;
  for (const { path, ops } of history) {
    for (const o of ops) {
      const said =
        renamedToKey(o) === key
          ? 'there'
          : o.table === undefined || o.ifExists || tableKey(o) !== key
            ? undefined
            : o.kind === 'drop_table' || o.kind === 'rename_table'
              ? 'gone'
              : o.kind === 'create_table' || o.createdIfMissing || USES.has(o.kind)
                ? 'there'
                : undefined;
      if (o.kind === 'unread_sql') {
        doubted ??= `${path} runs SQL Slipway does not read (MIG030), which may make or drop it`;
      } else if (o.conditional && said !== undefined) {
        doubted ??= `${path} makes, uses or drops it only under a condition of its code, \`${o.label}\``;
      } else if (said !== undefined) {
        last = said === 'gone' ? 'gone' : { file: path, op: o };
        doubted = undefined;
      }
    }
  }
  if (doubted !== undefined) return { unknown: doubted };
  return last === undefined || last === 'gone' ? { new: true } : { existed: last };
}

/** A seeded generator, so a failure names the series that made it. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function randomOp(next: () => number): SchemaOp {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const table = pick(['a', 'b', 'c']);
  const roll = next();
  if (roll < 0.3) return op('other', table, { createdIfMissing: true });
  if (roll < 0.4) return op('create_table', table);
  if (roll < 0.5) return op('drop_table', table);
  if (roll < 0.58) return op('rename_table', table, { newName: pick(['a', 'b', 'c']) });
  if (roll < 0.66) return op('unread_sql');
  if (roll < 0.76) return op('add_column', table, { conditional: true });
  if (roll < 0.84) return op('add_column', table, { ifExists: true });
  if (roll < 0.9) return op('other', table);
  return op(pick(['add_column', 'create_index', 'drop_column']), table);
}

describe('TablesBefore', () => {
  it('answers as reading the whole history again for each question, on 400 random .sql series', () => {
    let questions = 0;
    const answers = new Set<string>();
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const files = Array.from({ length: 1 + Math.floor(next() * 5) }, (_, i) => ({
        path: `db/${String(i).padStart(3, '0')}_m.sql`,
        ops: Array.from({ length: Math.floor(next() * 7) }, () => randomOp(next)),
      }));
      const analysis = { trees: [], sqlFiles: files, sqlRunner: 'plain' } as unknown as MigrationAnalysis;
      const facts = { analysis, memo: new Map() } as unknown as MigFacts;
      for (const [i, file] of files.entries()) {
        const tables = new TablesBefore(facts, file.path);
        for (const [j, o] of file.ops.entries()) {
          if (o.createdIfMissing) {
            const expected = plainReading(
              [...files.slice(0, i), { path: file.path, ops: file.ops.slice(0, j) }],
              o,
            );
            expect(tables.of(o), `seed ${seed}, ${file.path}, op ${j}`).toEqual(expected);
            questions++;
            answers.add(Object.keys(expected)[0] as string);
          }
          tables.note(o);
        }
      }
    }
    // The series asked enough, and every kind of answer came up.
    expect(questions).toBeGreaterThan(1000);
    expect([...answers].sort()).toEqual(['existed', 'new', 'unknown']);
  });

  it('says a migration outside every series is not placed', () => {
    const analysis = { trees: [], sqlFiles: [], sqlRunner: 'plain' } as unknown as MigrationAnalysis;
    const facts = { analysis, memo: new Map() } as unknown as MigFacts;
    const tables = new TablesBefore(facts, 'db/elsewhere.sql');
    expect(tables.of(op('create_table', 'a', { createdIfMissing: true }))).toEqual({
      unknown: 'its place in the history is not known',
    });
  });
});
