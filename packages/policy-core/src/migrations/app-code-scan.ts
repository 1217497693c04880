import type { SyntaxNode, Tree } from '@lezer/common';
import type { Range } from '../finding.js';
import { LineIndex } from '../text-position.js';
import { calleePath } from './python-syntax.js';
import { parsePythonText } from './python-parser.js';
import { parseSql } from './sql-parser.js';
import { statementHead } from './statement-head.js';
import { neutraliseBindParams } from './sql-text.js';

/** Schema changes found outside Alembic (MIG121). */
export interface OutsideChange {
  range: Range;
  /** `Base.metadata.create_all(...)` or the SQL statement kind, e.g. `CREATE TABLE`. */
  what: string;
  /** For create_all / drop_all: what it does to the tables. */
  verb?: 'creates' | 'drops';
}

/** SQLAlchemy's methods that create or drop every table of a metadata at once. */
const ALL_METHODS = new Set(['create_all', 'drop_all']);

/**
 * Whether `<owner>.<method>` is a metadata's create_all / drop_all: `Base.metadata.create_all`,
 * `self.metadata.drop_all`, `metadata.create_all`, or Flask-SQLAlchemy's `db.create_all` (`db`
 * by convention, or any plain name bound to `SQLAlchemy(...)` in the file).
 */
function isMetadataAll(member: SyntaxNode, src: string, sqlAlchemyNames: ReadonlySet<string>): boolean {
  const prop = member.lastChild;
  const obj = member.firstChild;
  if (prop?.name !== 'PropertyName' || !obj || !ALL_METHODS.has(src.slice(prop.from, prop.to))) return false;
  const ownerNode = obj.name === 'MemberExpression' ? obj.lastChild : obj;
  if (ownerNode?.name !== 'PropertyName' && ownerNode?.name !== 'VariableName') return false;
  const owner = src.slice(ownerNode.from, ownerNode.to);
  return (
    owner === 'metadata' || (obj.name === 'VariableName' && (owner === 'db' || sqlAlchemyNames.has(owner)))
  );
}

/** Names assigned `SQLAlchemy(...)` / `flask_sqlalchemy.SQLAlchemy(...)` in the file. */
function sqlAlchemyInstances(tree: Tree, src: string): Set<string> {
  const names = new Set<string>();
  if (!src.includes('SQLAlchemy(')) return names;
  tree.iterate({
    enter: (n) => {
      if (n.name !== 'AssignStatement') return;
      const target = n.node.firstChild;
      const value = n.node.lastChild;
      if (target?.name !== 'VariableName' || value?.name !== 'CallExpression') return false;
      if (calleePath(value, src)?.pop() === 'SQLAlchemy') names.add(src.slice(target.from, target.to));
      return false;
    },
  });
  return names;
}

/** `command.stamp(cfg, "head")`, Flask-Migrate's `stamp()`, `stamp_latest_revision()`. */
const STAMP = /(^|_)stamp(_|$)/i;

/** Whether a subtree calls a stamp, directly or through one of the file's own `stampers`. */
function callsStamp(node: SyntaxNode, src: string, stampers: ReadonlySet<string>): boolean {
  const cur = node.cursor();
  do {
    if (cur.name !== 'CallExpression') continue;
    const name = calleePath(cur.node, src)?.pop();
    if (name !== undefined && (STAMP.test(name) || stampers.has(name))) return true;
  } while (cur.next() && cur.from < node.to);
  return false;
}

/** The file's module-level functions that stamp (`def version_schema(): command.stamp(...)`). */
function stampingFunctions(tree: Tree, src: string): Set<string> {
  const out = new Set<string>();
  for (let stmt = tree.topNode.firstChild; stmt; stmt = stmt.nextSibling) {
    const def = stmt.name === 'DecoratedStatement' ? stmt.getChild('FunctionDefinition') : stmt;
    const name = def?.name === 'FunctionDefinition' ? def.getChild('VariableName') : null;
    const body = def?.getChild('Body');
    if (name && body && callsStamp(body, src, out)) out.add(src.slice(name.from, name.to));
  }
  return out;
}

/**
 * Alembic's own recipe for a new database ("Building an Up to Date Database from Scratch"):
 * `create_all`, then stamp the history as applied. A create_all whose function (or module) also
 * stamps is that recipe, not a schema Alembic does not know.
 */
function isStampedCreate(node: SyntaxNode, src: string, stampers: ReadonlySet<string>): boolean {
  let scope: SyntaxNode | null = node.parent;
  while (scope && scope.name !== 'FunctionDefinition' && scope.name !== 'Script') scope = scope.parent;
  return scope !== null && callsStamp(scope, src, stampers);
}

/**
 * `create_all` / `drop_all` on a metadata in a Python file: called (`Base.metadata.create_all(engine)`,
 * `db.create_all()`) or handed to a runner (`await conn.run_sync(Base.metadata.create_all)`).
 * A create_all followed by an Alembic stamp in the same function is the bootstrap Alembic
 * documents, and is not reported.
 */
export function createAllCalls(src: string): OutsideChange[] {
  // Most application files never mention them; only those are parsed.
  if (!src.includes('create_all') && !src.includes('drop_all')) return [];
  const lines = new LineIndex(src);
  const out: OutsideChange[] = [];
  const tree = parsePythonText(src);
  const instances = sqlAlchemyInstances(tree, src);
  const stampers = src.includes('stamp') ? stampingFunctions(tree, src) : undefined;
  tree.iterate({
    enter: (n) => {
      if (n.name !== 'MemberExpression') return;
      const node = n.node as SyntaxNode;
      if (!isMetadataAll(node, src, instances)) return;
      const called = node.parent?.name === 'CallExpression' && node.parent.firstChild?.from === node.from;
      // A bare `db.create_all` is only a reference (an attribute read, a comparison); a metadata's
      // is handed to something that runs it, as `conn.run_sync(Base.metadata.create_all)` does.
      if (!called && node.firstChild?.name === 'VariableName' && !src.startsWith('metadata', node.from))
        return;
      const text = src.slice(node.from, node.to).replace(/\s+/g, '');
      const verb = text.endsWith('create_all') ? 'creates' : 'drops';
      if (verb === 'creates' && stampers && isStampedCreate(node, src, stampers)) return false;
      out.push({
        range: lines.range(node.from, node.to),
        what: `${text}${called ? '(...)' : ''}`,
        verb,
      });
      return false;
    },
  });
  return out;
}

/** Statements that read or change rows, sessions or grants, never the schema (TRUNCATE empties a table). */
const NOT_DDL = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'TruncateStmt',
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
  'RefreshMatViewStmt',
  'ReindexStmt',
  'ClusterStmt',
  'UnlistenStmt',
  'CheckPointStmt',
  'DiscardStmt',
  'GrantStmt',
  'GrantRoleStmt',
]);

/** Words that belong to what a statement makes: CREATE UNIQUE INDEX, CREATE OR REPLACE VIEW. */
const MODIFIERS = new Set([
  'UNIQUE',
  'OR',
  'REPLACE',
  'TEMP',
  'TEMPORARY',
  'MATERIALIZED',
  'UNLOGGED',
  'GLOBAL',
  'LOCAL',
]);

/** `CREATE TABLE`, `ALTER ROLE`: the statement's leading keywords as written, for a message. */
function sqlKeyword(statement: string, kind: string): string {
  const words = statementHead(statement)
    .split(/\s+/, 6)
    .map((w) => w.toUpperCase());
  if (!/^[A-Z]+$/.test(words[0] ?? '') || !/^[A-Z]+$/.test(words[1] ?? ''))
    return kind
      .replace(/Stmt$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toUpperCase();
  let n = 2;
  while (n < words.length && MODIFIERS.has(words[n - 1] as string) && /^[A-Z]+$/.test(words[n] ?? '')) n++;
  return words.slice(0, n).join(' ');
}

/** The first DDL statement of a .sql file, or undefined (also when the SQL does not parse). */
export function firstDdlStatement(src: string): OutsideChange | undefined {
  const parsed = parseSql(neutraliseBindParams(src));
  if (parsed.status !== 'ok') return undefined;
  const lines = new LineIndex(src);
  for (const s of parsed.statements) {
    if (NOT_DDL.has(s.kind)) continue;
    return {
      range: lines.range(s.start, Math.min(s.end, lineEnd(src, s.start))),
      what: sqlKeyword(src.slice(s.start, s.end), s.kind),
    };
  }
  return undefined;
}

function lineEnd(src: string, from: number): number {
  const nl = src.indexOf('\n', from);
  return nl === -1 ? src.length : nl;
}
