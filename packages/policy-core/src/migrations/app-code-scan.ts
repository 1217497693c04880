import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';
import type { Range } from '../finding.js';
import { LineIndex } from '../text-position.js';
import { calleePath } from './python-syntax.js';
import { parseSql } from './sql-parser.js';
import { neutraliseBindParams } from './sql-text.js';

/** Schema changes found outside Alembic (MIG121). */
export interface OutsideChange {
  range: Range;
  /** `Base.metadata.create_all(...)` or the SQL statement kind, e.g. `CREATE TABLE`. */
  what: string;
}

/** `metadata.create_all(...)` calls in a Python file (any receiver ending in `metadata`). */
export function createAllCalls(src: string): OutsideChange[] {
  // Most application files never mention it; only those are parsed.
  if (!src.includes('create_all')) return [];
  const lines = new LineIndex(src);
  const out: OutsideChange[] = [];
  const tree = parser.parse(src);
  tree.iterate({
    enter: (n) => {
      if (n.name !== 'CallExpression') return;
      const node = n.node as SyntaxNode;
      const path = calleePath(node, src);
      if (
        path &&
        path.length >= 2 &&
        path[path.length - 1] === 'create_all' &&
        path[path.length - 2] === 'metadata'
      ) {
        const start = lines.position(node.from);
        const callee = node.firstChild as SyntaxNode;
        out.push({ range: { start, end: lines.position(callee.to) }, what: `${path.join('.')}(...)` });
      }
    },
  });
  return out;
}

const NOT_DDL = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'TransactionStmt',
  'VariableSetStmt',
  'VariableShowStmt',
  'CopyStmt',
  'ExplainStmt',
  'DoStmt',
  'CallStmt',
  'PrepareStmt',
  'ExecuteStmt',
  'DeallocateStmt',
  'NotifyStmt',
  'ListenStmt',
  'LockStmt',
  'VacuumStmt',
  'CheckPointStmt',
  'DiscardStmt',
  'GrantStmt',
  'GrantRoleStmt',
]);

function sqlKeyword(kind: string): string {
  const words = kind.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
  return words.toUpperCase();
}

/** The first DDL statement of a .sql file, or undefined (also when the SQL does not parse). */
export function firstDdlStatement(src: string): OutsideChange | undefined {
  const parsed = parseSql(neutraliseBindParams(src));
  if (parsed.status !== 'ok') return undefined;
  const lines = new LineIndex(src);
  for (const s of parsed.statements) {
    if (NOT_DDL.has(s.kind)) continue;
    return { range: lines.range(s.start, Math.min(s.end, lineEnd(src, s.start))), what: sqlKeyword(s.kind) };
  }
  return undefined;
}

function lineEnd(src: string, from: number): number {
  const nl = src.indexOf('\n', from);
  return nl === -1 ? src.length : nl;
}
