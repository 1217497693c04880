import type { SyntaxNode } from '@lezer/common';
import { holdsOnPostgres } from '../migrations/dialect-guard.js';
import {
  bindAssignment,
  forgetBoundNames,
  helperNames,
  boundArg,
  boundArgs,
  type NameScope,
  noteModuleStatement,
} from '../migrations/name-binding.js';
import { parsePythonText } from '../migrations/python-parser.js';
import { callArgs, calleePath, staticString, str } from '../migrations/python-syntax.js';
import { LineIndex } from '../text-position.js';
import { NotRendered } from './render-column.js';
import { renderOp } from './render-op.js';
import { namesOpWouldMake } from './untraced-op-names.js';
import type { NotTraced, PlannedStatement } from './plan-types.js';

/**
 * An Alembic migration's `upgrade()` rendered as the PostgreSQL DDL its `op.*` calls run, in
 * order, each statement at the line of its call (a helper's at the line in the helper). Only
 * what Slipway understands is rendered (a column type it does not know runs as a stand-in, noted
 * on the statement); everything else (Python logic, calls into other modules, data migrations)
 * is listed as not traced, with the reason, never silently skipped.
 */
export interface RenderedModule {
  statements: PlannedStatement[];
  notTraced: NotTraced[];
}

interface Walk {
  file: string;
  src: string;
  lines: LineIndex;
  out: RenderedModule;
  autocommit: boolean;
  batchTable?: string;
  /** The module's functions, for dialect tests made through a helper (`if is_postgres():`). */
  functions: Map<string, SyntaxNode>;
  /**
   * Names bound once to a string or a call, as the MIG rules read them: `op.drop_table(TABLE)`,
   * `op.execute(sql)` and `op.add_column("t", col)` render what is bound. Shared by the blocks walked.
   */
  scope: NameScope;
  /** Helpers being walked (`upgrade()` → `_create_tables()`), so that recursion stops. */
  visiting: Set<string>;
  /** Set at a `return` PostgreSQL reaches: what follows does not run there. */
  exit: { returned: boolean };
}

/** What the summary counts every step of Python that is not run under: one line, not one per kind. */
const PYTHON = 'Python Slipway does not run (assignments, loops, calls into other code)';

export function renderAlembicUpgrade(file: string, src: string): RenderedModule {
  const out: RenderedModule = { statements: [], notTraced: [] };
  const tree = parsePythonText(src);
  const lines = new LineIndex(src);
  const functions = new Map<string, SyntaxNode>();
  const moduleNames = new Map<string, SyntaxNode | null>();
  for (let s = tree.topNode.firstChild; s; s = s.nextSibling) {
    const def = s.name === 'DecoratedStatement' ? s.getChild('FunctionDefinition') : s;
    const name = def?.name === 'FunctionDefinition' ? def.getChild('VariableName') : null;
    if (def && name) functions.set(src.slice(name.from, name.to), def);
    noteModuleStatement(s, src, moduleNames);
  }
  const upgrade = functions.get('upgrade');
  const body = upgrade?.getChild('Body');
  if (!body) {
    out.notTraced.push({ file, line: 1, reason: 'no upgrade() function' });
    return out;
  }
  const scope: NameScope = { src, names: new Map(), moduleNames };
  const visiting = new Set(['upgrade']);
  walkBody(body, {
    file,
    src,
    lines,
    out,
    autocommit: false,
    functions,
    scope,
    visiting,
    exit: { returned: false },
  });
  return out;
}

function walkBody(body: SyntaxNode, w: Walk): void {
  for (let s = body.firstChild; s; s = s.nextSibling) {
    if (s.name === ':' || s.name === 'Comment' || s.name === 'PassStatement') continue;
    const line = w.lines.position(s.from).line + 1;
    // Only bodies PostgreSQL runs are walked: a `return` in one ends the migration there.
    if (w.exit.returned) {
      w.out.notTraced.push({ file: w.file, line, reason: 'after a return PostgreSQL reaches: not run' });
      continue;
    }
    if (s.name === 'ReturnStatement') {
      w.exit.returned = true;
      continue;
    }
    const call = s.name === 'ExpressionStatement' ? s.firstChild : null;
    if (call?.name === 'CallExpression') renderCall(call, line, w);
    else if (s.name === 'WithStatement') renderWith(s, line, w);
    else if (s.name === 'IfStatement') renderIf(s, line, w);
    else if (s.name === 'ExpressionStatement' && s.firstChild?.name === 'String')
      continue; // a docstring
    else if (s.name === 'AssignStatement') renderAssignment(s, line, w);
    else notRun(s, line, `Python ${describe(s.name)} Slipway does not run`, w, PYTHON);
  }
}

/**
 * `sql = "..."` binds a string the ops that read it render: nothing to list. Any other value is
 * Python run here (a call may even reach the database: `n = conn.execute(...)`), so it is listed;
 * what it binds (`col = sa.Column(...)`) is still read where an op uses it.
 */
function renderAssignment(stmt: SyntaxNode, line: number, w: Walk): void {
  const bound = bindAssignment(stmt, w.src, w.scope.names);
  const value = stmt.lastChild;
  if (bound.length > 0 && value && staticString(value, w.src) !== undefined) return;
  w.out.notTraced.push({
    file: w.file,
    line,
    reason: 'Python assign statement Slipway does not run',
    cause: PYTHON,
  });
}

/**
 * A statement Slipway does not run, listed with the reason; whatever names it may bind stand for
 * nothing after it.
 */
function notRun(stmt: SyntaxNode, line: number, reason: string, w: Walk, cause?: string): void {
  forgetBoundNames(stmt, w.src, w.scope.names);
  w.out.notTraced.push({ file: w.file, line, reason, ...(cause ? { cause } : {}) });
}

function describe(node: string): string {
  return (
    node
      .replace(/Statement$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase() + ' statement'
  );
}

/**
 * An `if` on the dialect (`if bind.dialect.name == "mysql": ... else: ...`, see dialect-guard.ts):
 * the branch PostgreSQL runs is traced, each other branch is listed as not run on PostgreSQL. A
 * condition that cannot be decided before the branch that runs leaves the whole statement
 * untraced, as any Python logic.
 */
function renderIf(node: SyntaxNode, line: number, w: Walk): void {
  const branches: { at: number; holds: boolean | undefined; body: SyntaxNode }[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'if' && c.name !== 'elif' && c.name !== 'else') continue;
    const cond = c.name === 'else' ? undefined : c.nextSibling;
    const body = (cond ?? c).nextSibling;
    if (body?.name !== 'Body') break;
    const holds = cond ? holdsOnPostgres(cond, w.src, (name) => w.functions.get(name)) : true;
    branches.push({ at: w.lines.position(c.from).line + 1, holds, body });
  }
  const runs = branches.findIndex((b) => b.holds !== false);
  if (runs < 0 ? branches.length === 0 : branches[runs]?.holds !== true) {
    notRun(node, line, 'Python if statement Slipway does not run', w, PYTHON);
    return;
  }
  branches.forEach((b, i) => {
    if (i === runs) walkBody(b.body, w);
    else
      w.out.notTraced.push({
        file: w.file,
        line: b.at,
        reason: 'a branch for another database: PostgreSQL does not run it',
      });
  });
}

function renderWith(node: SyntaxNode, line: number, w: Walk): void {
  const item = node.getChild('CallExpression');
  const path = item ? calleePath(item, w.src) : undefined;
  const body = node.getChild('Body');
  if (!item || !path || !body) {
    notRun(node, line, 'a with-block Slipway does not understand', w, PYTHON);
    return;
  }
  if (path[path.length - 1] === 'autocommit_block') walkBody(body, { ...w, autocommit: true });
  else if (path.join('.') === 'op.batch_alter_table') {
    const t = boundArg(callArgs(item, w.src).positional[0], w.scope);
    const table = str(t, w.src);
    if (table === undefined) notRun(node, line, 'batch_alter_table on a table name that is not a literal', w);
    else walkBody(body, { ...w, batchTable: table });
  } else notRun(node, line, `with ${path.join('.')}(...)`, w, PYTHON);
}

/**
 * A module function `upgrade()` calls by name (`_add_column("users")`), walked as the MIG rules
 * walk it: its parameters stand for the strings this call passes, its ops render at their own
 * lines, and a `return` in it ends only the helper.
 */
function renderHelper(fn: SyntaxNode, name: string, call: SyntaxNode, w: Walk): void {
  const body = fn.getChild('Body');
  if (!body) return;
  const scope: NameScope = {
    src: w.src,
    names: helperNames(fn, call, w.scope),
    moduleNames: w.scope.moduleNames,
  };
  w.visiting.add(name);
  walkBody(body, { ...w, scope, exit: { returned: false } });
  w.visiting.delete(name);
}

function renderCall(call: SyntaxNode, line: number, w: Walk): void {
  const path = calleePath(call, w.src) ?? [];
  const method = path[path.length - 1] ?? '';
  const onOp =
    path.length === 2 && (path[0] === 'op' || (w.batchTable !== undefined && path[0] === 'batch_op'));
  const helper = path.length === 1 ? w.functions.get(method) : undefined;
  if (helper && !w.visiting.has(method)) {
    renderHelper(helper, method, call, w);
    return;
  }
  if (!onOp) {
    w.out.notTraced.push({
      file: w.file,
      line,
      reason: `${path.join('.') || 'a call'}(...) is Python Slipway does not run`,
      cause: PYTHON,
    });
    return;
  }
  const args = boundArgs(callArgs(call, w.src), w.scope);
  const batchTable = path[0] === 'op' ? undefined : w.batchTable;
  try {
    const op = renderOp(method, args, w.src, batchTable);
    const endLine = w.lines.position(call.to).line + 1;
    const standIns = op.standIns.length > 0 ? { standIns: op.standIns } : {};
    for (const sql of op.sql)
      w.out.statements.push({
        file: w.file,
        line,
        endLine,
        sql,
        outsideTransaction: w.autocommit,
        ...standIns,
      });
  } catch (error) {
    if (!(error instanceof NotRendered)) throw error;
    const makes = namesOpWouldMake(method, args, w.src, batchTable);
    w.out.notTraced.push({
      file: w.file,
      line,
      reason: `${path.join('.')}: ${error.message}`,
      cause: `${path.join('.')}: ${error.general}`,
      ...(makes.length > 0 ? { makes } : {}),
    });
  }
}
