import type { SyntaxNode } from '@lezer/common';
import type { Fix, TextEdit } from '../../../finding.js';
import { parsePythonText } from '../../../migrations/python-parser.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { forwardOps } from '../../../migrations/sql-file.js';
import { LineIndex } from '../../../text-position.js';
import { djangoConcurrentlyFix } from './django-concurrently-fix.js';
import type { MigrationFile } from './mig-facts.js';

/**
 * MIG020's fix in a .sql migration: CREATE INDEX CONCURRENTLY, with what takes the file out of
 * its runner's transaction (PostgreSQL refuses CONCURRENTLY inside one). Offered only where that
 * is certain from the file: the index is the only statement the file runs forward (a second one
 * would lose its transaction, or, sent with it in one query string, put the build back in an
 * implicit one), it is in no explicit BEGIN block, and the runner is one whose way out the fix
 * can write: goose (`-- +goose NO TRANSACTION`, for the whole file, so the way back must be one
 * statement too), dbmate (`transaction:false` on the `-- migrate:up` line) or golang-migrate
 * (no transaction of its own). Plain psql files are left alone: `psql --single-transaction`
 * would wrap them, and that is not in the file.
 */
export function concurrentlyFix(op: SchemaOp, file: MigrationFile): Fix | undefined {
  if (file.kind === 'module' && file.module.django) {
    const text = file.source?.text();
    return text === undefined ? undefined : djangoConcurrentlyFix(op, file.module, text);
  }
  if (file.kind === 'module') return alembicConcurrentlyFix(op, file);
  if (!file.source || op.kind !== 'create_index') return undefined;
  const { runner } = file.source;
  const path = file.file.path;
  if (runner !== 'goose' && runner !== 'dbmate' && runner !== 'golang-migrate') return undefined;
  if (op.inTransaction || op.back || (op.file !== undefined && op.file !== path)) return undefined;
  const forward = forwardOps(file.file.ops);
  if (forward.length !== 1 || forward[0] !== op) return undefined;
  const text = file.source.text();
  if (text === undefined) return undefined;
  const index = new LineIndex(text);
  const keyword = /^CREATE\s+(?:UNIQUE\s+)?INDEX\b/i.exec(text.slice(index.offset(op.range.start)));
  if (!keyword) return undefined;
  const after = index.position(index.offset(op.range.start) + keyword[0].length);
  const edits: TextEdit[] = [{ file: path, range: { start: after, end: after }, newText: ' CONCURRENTLY' }];
  let how = '';
  if (op.wrappedBy === 'goose') {
    if (file.file.ops.length - forward.length > 1) return undefined;
    const top = { line: 0, character: 0 };
    edits.unshift({ file: path, range: { start: top, end: top }, newText: '-- +goose NO TRANSACTION\n' });
    how = ' and -- +goose NO TRANSACTION';
  } else if (op.wrappedBy === 'dbmate') {
    const marker = /^[ \t]*--[ \t]*migrate:up\b[^\r\n]*/m.exec(text);
    if (!marker) return undefined;
    const end = index.position(marker.index + marker[0].trimEnd().length);
    edits.push({ file: path, range: { start: end, end }, newText: ' transaction:false' });
    how = ' and transaction:false on -- migrate:up';
  } else if (op.wrappedBy !== undefined) return undefined;
  return { title: `Build it with CREATE INDEX CONCURRENTLY${how}`, edits };
}

const AUTOCOMMIT = 'with op.get_context().autocommit_block():';

/**
 * MIG020's fix in an Alembic revision: the `op.create_index(...)` call, with
 * `postgresql_concurrently=True`, inside `with op.get_context().autocommit_block():`. Offered
 * only when it is the one operation of `upgrade()` (a block commits what ran before it and
 * starts afresh after it: other operations would lose their transaction), a statement of its own
 * lines directly in the one module-level `def upgrade`, with no string spanning lines (its lines
 * are indented one level deeper) and no `postgresql_concurrently` already written.
 */
function alembicConcurrentlyFix(
  op: SchemaOp,
  file: Extract<MigrationFile, { kind: 'module' }>,
): Fix | undefined {
  const { module } = file;
  if (op.kind !== 'create_index' || op.source === 'sql' || op.inAutocommit || op.file !== undefined)
    return undefined;
  const ops = module.upgrade?.ops ?? [];
  if (ops.length !== 1 || ops[0] !== op || module.django || module.js) return undefined;
  const text = file.source?.text();
  if (text === undefined) return undefined;
  const index = new LineIndex(text);
  const statement = upgradeStatementAt(text, index.offset(op.range.start));
  const call = statement?.firstChild;
  const args = call?.name === 'CallExpression' ? call.getChild('ArgList') : null;
  if (!statement || !args || statement.firstChild?.nextSibling) return undefined;
  const source = text.slice(statement.from, statement.to);
  if (/postgresql_concurrently/.test(source) || hasMultilineString(statement, text)) return undefined;
  const start = index.position(statement.from);
  const line = index.lineText(start.line);
  const indent = line.slice(0, start.character);
  const rest = index
    .lineText(index.position(statement.to).line)
    .slice(index.position(statement.to).character);
  if (!/^[ \t]+$/.test(indent) || !/^[ \t]*(#.*)?$/.test(rest)) return undefined;
  // The keyword goes after the last argument, keeping a trailing comma where there is one.
  const close = args.to - 1 - statement.from;
  const before = source.slice(0, close).trimEnd();
  const withKeyword = before.endsWith(',')
    ? `${before} postgresql_concurrently=True,${source.slice(before.length)}`
    : `${before}, postgresql_concurrently=True${source.slice(before.length)}`;
  const step = indent.includes('\t') ? '\t' : '    ';
  const body = withKeyword.replace(/\n/g, `\n${step}`);
  const at = { line: start.line, character: 0 };
  return {
    title: `Build it with postgresql_concurrently=True inside ${AUTOCOMMIT.slice(5, -1)}`,
    edits: [
      {
        file: module.path,
        range: { start: at, end: index.position(statement.to) },
        newText: `${indent}${AUTOCOMMIT}\n${indent}${step}${body}`,
      },
    ],
  };
}

/** The expression statement at `offset`, when it sits directly in the one module-level `def upgrade`. */
function upgradeStatementAt(text: string, offset: number): SyntaxNode | undefined {
  const tree = parsePythonText(text);
  let node: SyntaxNode | null = tree.resolveInner(offset, 1);
  while (node && node.name !== 'ExpressionStatement') node = node.parent;
  const def = node?.parent?.name === 'Body' ? node.parent.parent : null;
  if (!node || def?.name !== 'FunctionDefinition' || def.parent?.name !== 'Script') return undefined;
  const name = def.getChild('VariableName');
  if (!name || text.slice(name.from, name.to) !== 'upgrade') return undefined;
  const defs = tree.topNode.getChildren('FunctionDefinition').filter((d) => {
    const n = d.getChild('VariableName');
    return n && text.slice(n.from, n.to) === 'upgrade';
  });
  return defs.length === 1 ? node : undefined;
}

function hasMultilineString(node: SyntaxNode, text: string): boolean {
  const cursor = node.cursor();
  do {
    if (cursor.from >= node.to) break;
    const string = cursor.name === 'String' || cursor.name === 'FormatString';
    if (string && text.slice(cursor.from, cursor.to).includes('\n')) return true;
  } while (cursor.next());
  return false;
}
