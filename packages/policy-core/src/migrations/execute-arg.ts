import { appendAll } from '../append-all.js';
import type { SyntaxNode } from '@lezer/common';
import type { Range } from '../finding.js';
import type { LineIndex } from '../text-position.js';
import { loopsAround } from './loop-bindings.js';
import { constructNotNullBound } from './construct-not-null-bound.js';
import { callArgs, staticString, str } from './python-syntax.js';
import type { SchemaOp } from './schema-op.js';
import { sqlLoadOf } from './sql-load.js';
import type { LoadScope } from './sql-load-path.js';
import type { SqlLoadTarget } from './sql-load-target.js';
import { sqlSourceOps, unread } from './sql-text.js';

/** Methods of a SQLAlchemy statement or `text()` that do not change which SQL runs. */
const PASS_THROUGH = new Set(['bindparams', 'params', 'columns', 'execution_options', 'compile']);

/** Method names along a call chain, outermost last: `t.update().where(x).values(y)` → [update, where, values]. */
function chainMethods(node: SyntaxNode, src: string): string[] {
  const names: string[] = [];
  let cur: SyntaxNode | null = node;
  while (cur) {
    if (cur.name === 'CallExpression') cur = cur.firstChild;
    else if (cur.name === 'MemberExpression') {
      const prop = cur.lastChild;
      if (prop?.name === 'PropertyName') names.unshift(src.slice(prop.from, prop.to));
      cur = cur.firstChild;
    } else if (cur.name === 'VariableName') {
      names.unshift(src.slice(cur.from, cur.to));
      cur = null;
    } else cur = null;
  }
  return names;
}

/** The calls along a chain with their method names, innermost first. */
function chainCalls(node: SyntaxNode, src: string): { method: string; call: SyntaxNode }[] {
  const out: { method: string; call: SyntaxNode }[] = [];
  let cur: SyntaxNode | null = node;
  while (cur?.name === 'CallExpression') {
    const callee: SyntaxNode | null = cur.firstChild;
    const prop = callee?.name === 'MemberExpression' ? callee.lastChild : callee;
    if (prop?.name === 'PropertyName' || prop?.name === 'VariableName')
      out.unshift({ method: src.slice(prop.from, prop.to), call: cur });
    cur = callee?.name === 'MemberExpression' ? callee.firstChild : null;
    // `users.update()`: the receiver name is the chain's root.
    while (cur?.name === 'MemberExpression') cur = cur.firstChild;
  }
  return out;
}

interface NamedTable {
  table: string;
  schema?: string;
}

/** `sa.table("users", ..., schema="s")` / `sa.Table(...)`, directly or through a name bound once. */
function tableName(
  node: SyntaxNode | null | undefined,
  src: string,
  resolve: (name: string) => SyntaxNode | undefined,
): NamedTable | undefined {
  const value = node?.name === 'VariableName' ? resolve(src.slice(node.from, node.to)) : node;
  if (value?.name !== 'CallExpression') return undefined;
  const methods = chainMethods(value, src);
  const last = methods[methods.length - 1];
  if (last !== 'table' && last !== 'Table') return undefined;
  const args = callArgs(value, src);
  const table = str(args.positional[0], src);
  const schemaNode = args.keywords.get('schema');
  const schema = str(schemaNode, src);
  if (table === undefined) return undefined;
  return schema === undefined ? { table } : { table, schema };
}

/**
 * The table an `update()`/`delete()` construct names: `users.update()` (the receiver) or
 * `sa.update(users)` (the argument), where `users` is a `sa.table("users", ...)`.
 */
function constructTable(
  node: SyntaxNode,
  src: string,
  kind: 'update' | 'delete',
  resolve: (name: string) => SyntaxNode | undefined,
): NamedTable | undefined {
  const calls = chainCalls(node, src);
  const verb = calls.find((c) => c.method === kind);
  if (!verb) return undefined;
  const callee = verb.call.firstChild;
  if (callee?.name === 'MemberExpression') {
    const receiver = callee.firstChild;
    const viaReceiver = tableName(receiver, src, resolve);
    if (viaReceiver !== undefined) return viaReceiver;
  }
  return tableName(callArgs(verb.call, src).positional[0], src, resolve);
}

/**
 * The columns `.values(...)` sets: its keyword names, or the keys of a literal dict. Undefined
 * when any call's columns are not all known (`**kwargs`, a variable, a computed key).
 */
function valuesColumns(node: SyntaxNode, src: string): string[] | undefined {
  const out: string[] = [];
  for (const { method, call } of chainCalls(node, src)) {
    if (method !== 'values') continue;
    const args = callArgs(call, src);
    if (args.hasStar) return undefined;
    appendAll(out, args.keywords.keys());
    for (const p of args.positional) {
      if (p.name !== 'DictionaryExpression') return undefined;
      let expectKey = true;
      for (let c = p.firstChild; c; c = c.nextSibling) {
        if (c.name === '{' || c.name === '}' || c.name === 'Comment') continue;
        if (c.name === ',') expectKey = true;
        else if (c.name === ':') expectKey = false;
        else if (expectKey) {
          const key = staticString(c, src)?.value;
          if (key === undefined) return undefined;
          out.push(key);
        }
      }
    }
  }
  return out.length > 0 ? out : undefined;
}

function dynamicReason(node: SyntaxNode, src: string): string {
  if (node.name === 'FormatString' || (node.name === 'ContinuedString' && node.getChild('FormatString')))
    return 'it is an f-string';
  if (node.name === 'VariableName') return `it is the variable \`${src.slice(node.from, node.to)}\``;
  if (node.name === 'BinaryExpression')
    return 'it is built with an operator (`+` or `%`) from non-literal parts';
  if (node.name === 'CallExpression')
    return `it is the result of \`${src.slice(node.from, Math.min(node.to, node.from + 40)).split('(')[0]}(...)\``;
  return 'it is not a string literal';
}

/**
 * A name bound once to a string literal (`SQL = """..."""`) or to a call (`sql = sa.text(...)`,
 * a statement construct) stands for that value: what it binds is what runs.
 */
function followName(
  node: SyntaxNode,
  src: string,
  resolve: (name: string) => SyntaxNode | undefined,
): SyntaxNode {
  if (node.name !== 'VariableName') return node;
  const value = resolve(src.slice(node.from, node.to));
  return value && (value.name === 'CallExpression' || staticString(value, src)) ? value : node;
}

/** The string literals a loop variable stands for in turn, when the loop names only literals. */
function loopLiterals(node: SyntaxNode, src: string, scope: LoadScope) {
  const v = loopsAround(node, scope).get(src.slice(node.from, node.to));
  if (typeof v !== 'object' || v.length === 0) return undefined;
  const texts = v.map((e) => staticString(e, src));
  return texts.every((t) => t !== undefined) ? (texts as NonNullable<(typeof texts)[number]>[]) : undefined;
}

/**
 * What `op.execute(arg)` runs: SQL from a literal or `sa.text(literal)` is parsed; a
 * SQLAlchemy `update()`/`delete()` construct is judged by whether it has `.where(...)`;
 * anything else is unread SQL (MIG030).
 */
export function executeArgOps(
  arg: SyntaxNode | undefined,
  src: string,
  lines: LineIndex,
  anchor: Range,
  resolve: (name: string) => SyntaxNode | undefined = () => undefined,
  scope?: LoadScope,
): SchemaOp[] {
  if (!arg) return [unread(anchor, 'it has no argument')];
  let node = followName(arg, src, resolve);
  // Unwrap `sa.text("...").bindparams(...)` and similar pass-through chains.
  for (;;) {
    const callee = node.name === 'CallExpression' ? node.firstChild : null;
    const prop = callee?.name === 'MemberExpression' ? callee.lastChild : null;
    const inner = callee?.firstChild;
    if (prop && inner && PASS_THROUGH.has(src.slice(prop.from, prop.to)) && inner.name === 'CallExpression')
      node = inner;
    else break;
  }
  const literal = staticString(node, src);
  if (literal) return sqlSourceOps({ sql: literal.value, offsetAt: literal.offsetAt, lines, anchor });
  const load = scope ? sqlLoadOf(node, scope, arg) : undefined;
  if (load) return [loadOp(anchor, load)];
  // `for sql in ["…", "…"]: op.execute(sql)`: each literal the loop names runs, in turn.
  const each = node.name === 'VariableName' && scope ? loopLiterals(node, src, scope) : undefined;
  if (each) return each.flatMap((t) => sqlSourceOps({ sql: t.value, offsetAt: t.offsetAt, lines, anchor }));
  if (node.name === 'CallExpression') {
    const methods = chainMethods(node, src);
    const last = methods[methods.length - 1];
    const args = callArgs(node, src);
    if (last === 'text' && args.positional[0]) {
      const text = staticString(followName(args.positional[0], src, resolve), src);
      if (text) return sqlSourceOps({ sql: text.value, offsetAt: text.offsetAt, lines, anchor });
      const inner = scope ? sqlLoadOf(followName(args.positional[0], src, resolve), scope, arg) : undefined;
      if (inner) return [loadOp(anchor, inner)];
      return [
        unread(anchor, `its text() argument is not a literal: ${dynamicReason(args.positional[0], src)}`),
      ];
    }
    const kind = methods.includes('delete') ? 'delete' : methods.includes('update') ? 'update' : undefined;
    if (kind) {
      const hasWhere = methods.some((m) => m === 'where' || m === 'filter' || m === 'filter_by');
      const label = src.slice(node.from, node.to).replace(/\s+/g, ' ');
      const op: SchemaOp = {
        kind,
        hasWhere,
        range: anchor,
        source: 'op',
        label: label.length > 60 ? `${label.slice(0, 57)}...` : label,
      };
      // Table and SET columns, as the SQL form has them: MIG006 exempts a backfill of new columns.
      const table = constructTable(node, src, kind, resolve);
      if (table !== undefined) op.table = table.table.toLowerCase();
      if (table?.schema !== undefined) op.schema = table.schema;
      const columns = kind === 'update' ? valuesColumns(node, src) : undefined;
      if (columns) op.columns = columns;
      const calls = chainCalls(node, src);
      const verb = calls.find((c) => c.method === kind);
      const bound = hasWhere && verb ? constructNotNullBound(calls, verb, src) : undefined;
      if (bound) op.notNullBound = bound;
      return [op];
    }
    if (methods.includes('insert') || methods.includes('select'))
      return [
        {
          kind: 'other',
          dataOnly: true,
          range: anchor,
          source: 'op',
          label: methods.includes('insert') ? 'insert()' : 'select()',
        },
      ];
  }
  return [unread(anchor, dynamicReason(node, src))];
}

/**
 * A call that runs a file's SQL: unread until the history's reader puts the file's statements in
 * its place (loaded-sql.ts). One the reader cannot place stays unread (MIG030), never silent.
 */
function loadOp(anchor: Range, load: SqlLoadTarget): SchemaOp {
  const reason =
    load.kind === 'unresolved'
      ? `it runs a file read by \`${load.written}\`, and Slipway cannot tell which file statically (${load.reason})`
      : `it runs the ${load.kind === 'each' ? 'files' : 'file'} read by \`${load.written}\``;
  return { ...unread(anchor, reason), load };
}
