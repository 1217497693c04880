import type { Finding, Range } from '../../finding.js';
import type { SqlFileResults } from '../../migrations/sql-result-store.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import { sameRange } from '../../text-position.js';

/**
 * The cache file's form of SqlFileResults: every op's and finding's range as four numbers, and
 * an op's `detail` left out when it equals its range (a .sql file's statements always). Ranges
 * were two thirds of the file (2,000 migrations: 3.8 MB), and JSON.parse reads number arrays
 * faster than nested objects; decoding builds the same objects a fresh analysis builds, so the
 * report from the cache is byte for byte the report without it.
 */
type Quad = [number, number, number, number];
type CompactOp = Omit<SchemaOp, 'range' | 'detail'> & { range: Quad; detail?: Quad | 1 };
type CompactFinding = Omit<Finding, 'range'> & { range: Quad };
export interface CompactResults {
  ops: CompactOp[];
  findings?: CompactFinding[];
}

const quad = (r: Range): Quad => [r.start.line, r.start.character, r.end.line, r.end.character];
const range = (q: Quad): Range => ({
  start: { line: q[0], character: q[1] },
  end: { line: q[2], character: q[3] },
});
export function encodeResults(results: SqlFileResults): CompactResults {
  const ops = results.ops.map((op): CompactOp => {
    // Spread, then overwrite: each key keeps its place.
    const out = { ...op, range: quad(op.range) } as unknown as CompactOp;
    if (op.detail) out.detail = sameRange(op.detail, op.range) ? 1 : quad(op.detail);
    return out;
  });
  if (!results.findings) return { ops };
  const findings = results.findings.map((f): CompactFinding => ({ ...f, range: quad(f.range) }));
  return { ops, findings };
}

/**
 * Back to SqlFileResults, every key in the place the analysis gave it (encoding overwrote the
 * ranges in place), so that anything rendering them renders the same. Undefined when the entry
 * is not of this shape.
 */
export function decodeResults(compact: CompactResults): SqlFileResults | undefined {
  if (!Array.isArray(compact.ops)) return undefined;
  const ops: SchemaOp[] = [];
  for (const c of compact.ops) {
    if (!Array.isArray(c?.range)) return undefined;
    const r = range(c.range);
    const op = { ...c, range: r } as SchemaOp;
    if (c.detail !== undefined) op.detail = c.detail === 1 ? range(c.range) : range(c.detail);
    ops.push(op);
  }
  if (!Array.isArray(compact.findings)) return { ops };
  const findings: Finding[] = [];
  for (const c of compact.findings) {
    if (!Array.isArray(c?.range)) return undefined;
    findings.push({ ...c, range: range(c.range) });
  }
  return { ops, findings };
}
