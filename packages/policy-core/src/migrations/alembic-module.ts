import type { CalledBody } from './called-bodies.js';
import type { JsTool } from './js-tools.js';
import type { JsSqlText } from './js-walk.js';
import type { JsBuilderCall } from './js-builder-call.js';
import { type SyntaxNode, type Tree, TreeBuffer } from '@lezer/common';
import { withCalledBodies } from './function-calls.js';
import type { Range } from '../finding.js';
import type { DjangoFacts } from './django-facts.js';
import { LineIndex } from '../text-position.js';
import { readDocstringHeader, type DocstringHeader } from './docstring-header.js';
import { functionOps } from './op-calls.js';
import { rewriteParenWith } from './paren-with.js';
import { staticString, staticValue } from './python-syntax.js';
import type { SchemaOp } from './schema-op.js';
import type { DispatchedFunction } from './dispatch.js';
import type { Located } from './located.js';
import { type FunctionShape, functionShape } from './function-shape.js';
import { readBranchLabels } from './branch-labels.js';
import { opNamesOf, type Unfollowed } from './op-reach.js';
import { unreadUpgrade } from './module-refs.js';
import { bindModuleStatement, emptyScope } from './module-scope.js';
import { type ConditionalBindings, conditionalUpgrade, mergedOps } from './conditional-bindings.js';

export type { FunctionShape };
import { type CompileError, compileError } from './python-compile-checks.js';
import { parsePythonText, pythonParser } from './python-parser.js';
import { type UpgradeFirstLine, upgradeFirstLine } from './upgrade-first-line.js';

export type { Located };

export interface FunctionFacts {
  /** The `def name` line. */
  range: Range;
  shape: FunctionShape;
  ops: SchemaOp[];
  /** Functions it runs through `globals()[...]()` (Alembic's multidb template), when it does. */
  dispatched?: DispatchedFunction[];
  /** What it reaches that Slipway cannot follow (MIG042), when there is any. */
  unfollowed?: Unfollowed[];
}

/** A revision identifier variable (`down_revision`, `branch_labels`, `depends_on`). */
export interface RevisionList {
  values: string[];
  range: Range;
  /** The value is not a literal (a function call, a name): Slipway cannot follow it. */
  dynamic: boolean;
}

/** Everything Slipway reads from one Alembic migration file. */
export interface MigrationModule {
  path: string;
  /** True when the file declares `revision` at module level. */
  isMigration: boolean;
  syntaxError?: Located<string>;
  /** Slipway refused to read the file (a limit, a symlink): `syntaxError.value` is the whole message. */
  refused?: true;
  /** A file in a JS tool's folder that the tool itself skips as no migration, and why (js-no-up.ts). */
  skippedByRunner?: Located<string>;
  /**
   * The parser had to recover from an error, so the tree (and the ops read from it) may not be
   * what Python would run: op rules skip the file. Not set for errors only CPython's compiler
   * reports (python-compile-checks.ts), where the tree is sound and the ops are still judged.
   */
  parseRecovered?: true;
  revision?: Located<string>;
  /** `revision` is assigned something other than a string literal. */
  revisionDynamic?: Range;
  downRevision?: RevisionList;
  branchLabels?: RevisionList;
  dependsOn?: RevisionList;
  header: DocstringHeader;
  upgrade?: FunctionFacts;
  /** Where a statement put first in the one module-level `def upgrade` goes, when that is certain. */
  upgradeFirstLine?: UpgradeFirstLine;
  downgrade?: FunctionFacts;
  /** An op of upgrade() or downgrade() runs a file it reads (`op.execute(open(p).read())`). */
  loadsSql?: true;
  /** A Django migration (`migrations.django`): its operations and graph facts (django-module.ts). */
  django?: DjangoFacts;
  /** A JS/TS tool's migration (`migrations.knex`, `migrations.typeorm`, ...): which tool runs it (js-module.ts). */
  js?: JsTool;
  /** A JS migration's literal SQL in `up`, by the ops it became (js-walk.ts): what trace runs. */
  jsSql?: JsSqlText[];
  /** A Knex migration's schema calls in `up` whose arguments are all known: what trace has Knex render. */
  jsBuilders?: JsBuilderCall[];
  /** Lines of `up`'s branches for another database (`if (client.includes('sqlite3'))`), not read. */
  jsOtherDatabase?: number[];
  /** The functions of the file `up` and `down` ran where they were called (called-bodies.ts). */
  calledBodies?: CalledBody[];
}

const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Whether the tree holds an error node: a scan of the packed buffers (each node is four
 * numbers, its type id first), far cheaper than visiting every node of every well-formed file.
 */
let errorType: number | undefined;

function hasErrorNode(tree: Tree): boolean {
  if (tree.type.isError) return true;
  errorType ??= pythonParser().nodeSet.types.find((t) => t.isError)?.id ?? 0;
  const ERROR_TYPE = errorType;
  for (const child of tree.children) {
    if (child instanceof TreeBuffer) {
      const b = child.buffer;
      for (let i = 0; i < b.length; i += 4) if (b[i] === ERROR_TYPE) return true;
    } else if (hasErrorNode(child)) return true;
  }
  return false;
}

/**
 * Where lezer's own first error sits, and what to call it. Lezer notices an unclosed bracket
 * only where the next statement starts; Python (and a person) points at the bracket that is
 * never closed, so do we. Lezer's grammar wants an operand after `yield`: its error in a bare
 * `yield` (`x = yield`, `lambda: (yield)`, valid Python) is not one.
 */
function lezerError(tree: Tree, src: string): CompileError | undefined {
  if (!hasErrorNode(tree)) return undefined;
  let error: SyntaxNode | undefined;
  tree.iterate({
    enter: (n) => {
      if (error) return false;
      if (n.type.isError && !(n.from === n.to && n.node.parent?.name === 'YieldExpression')) error = n.node;
      return undefined;
    },
  });
  if (!error) return undefined;
  let at = error.from;
  let message = 'Python syntax error';
  for (let p: SyntaxNode | null = error.parent; p; p = p.parent) {
    const open = p.firstChild;
    const close = open ? CLOSING[open.name] : undefined;
    if (open && close && p.lastChild?.name !== close) {
      at = open.from;
      message = `'${src[open.from]}' is never closed`;
    }
  }
  return { at, message };
}

/**
 * The first syntax error: lezer's, or one CPython reports that lezer let through
 * (python-compile-checks.ts), whichever comes first by line; on the same line the latter, whose
 * message is CPython's own. The finding covers the whole line.
 */
function firstSyntaxError(
  lezer: CompileError | undefined,
  compile: CompileError | undefined,
  lines: LineIndex,
): Located<string> | undefined {
  const line = (e: CompileError | undefined) => (e ? lines.position(e.at).line : Number.POSITIVE_INFINITY);
  const first = line(compile) <= line(lezer) ? compile : lezer;
  if (!first) return undefined;
  const pos = lines.position(first.at);
  return { value: `${first.message} (line ${pos.line + 1})`, range: lines.lineRange(pos.line) };
}

function revisionList(value: SyntaxNode, src: string, range: Range): RevisionList {
  const v = staticValue(value, src);
  if (v === null) return { values: [], range, dynamic: false };
  if (typeof v === 'string') return { values: [v], range, dynamic: false };
  if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    return { values: v as string[], range, dynamic: false };
  return { values: [], range, dynamic: true };
}

/**
 * Parses Python; a file whose errors sit in parenthesised `with` headers (Python 3.10+, not in
 * lezer's grammar) is parsed again with those headers rewritten, offsets unchanged.
 * @internal
 */
export function parsePython(src: string): Tree {
  // Python skips a UTF-8 byte order mark (Windows editors write one); lezer would read it as a
  // name. A space in its place keeps every offset.
  const text = src.charCodeAt(0) === 0xfeff ? ` ${src.slice(1)}` : src;
  const tree = parsePythonText(text);
  if (!hasErrorNode(tree)) return tree;
  const rewritten = rewriteParenWith(tree, text);
  return rewritten === undefined ? tree : parsePythonText(rewritten);
}

/**
 * What a module's parse says of its syntax: the first error Python would report, and whether the
 * parser had to recover (the ops read from it are then not judged). Django's reader asks too.
 */
export function syntaxFacts(
  tree: Tree,
  src: string,
  lines: LineIndex,
): Pick<MigrationModule, 'syntaxError' | 'parseRecovered'> {
  const lezer = lezerError(tree, src);
  const syntaxError = firstSyntaxError(lezer, compileError(tree, src), lines);
  return { ...(lezer ? { parseRecovered: true as const } : {}), ...(syntaxError ? { syntaxError } : {}) };
}

/** Reads one migration file. Never throws: syntax errors are recorded, the rest still read. */
export function readMigrationModule(path: string, src: string): MigrationModule {
  const lines = new LineIndex(src);
  const tree = parsePython(src);
  const module: MigrationModule = { path, isMigration: false, header: {}, ...syntaxFacts(tree, src, lines) };
  const firstLine = upgradeFirstLine(tree, src, lines);
  if (firstLine) module.upgradeFirstLine = firstLine;
  const scope = emptyScope();
  const { functions, names, refs } = scope;
  // `upgrade = <something not followed>` after its def (or without one): what runs is unknown.
  let upgradeBinding: SyntaxNode | undefined;
  // `upgrade` bound inside a module-level `if`/`try`/...: every branch read as run.
  let conditional: ConditionalBindings = { upgrades: [] };
  let first = true;
  for (let stmt = tree.topNode.firstChild; stmt; stmt = stmt.nextSibling) {
    if (first && stmt.name === 'ExpressionStatement' && stmt.firstChild?.name === 'String') {
      const doc = staticString(stmt.firstChild, src);
      if (doc) module.header = readDocstringHeader(doc, lines);
    }
    if (stmt.name !== 'Comment') first = false;
    if (stmt.name === 'AssignStatement') readAssignment(stmt, src, lines, module, names);
    const bound = bindModuleStatement(stmt, src, scope, conditional);
    if (bound === 'def') upgradeBinding = undefined;
    else if (bound === 'unread') upgradeBinding = stmt;
    if (bound !== undefined) conditional = { upgrades: [] };
  }
  const opNames = opNamesOf(refs);
  for (const which of ['upgrade', 'downgrade'] as const) {
    const bound = refs.get(which);
    const fn = functions.get(which) ?? (bound?.kind === 'fn' ? bound.fn : undefined);
    const unread = which === 'upgrade' ? (upgradeBinding ?? conditional.unreadUpgrade) : undefined;
    if (!fn) {
      if (unread) module.upgrade = unreadUpgrade(unread, src, lines);
      continue;
    }
    const every = which === 'upgrade' ? [...new Set([...conditional.upgrades, fn])] : [fn];
    const read = mergedOps(every.map((f) => functionOps(f, src, lines, functions, names, refs, opNames)));
    const { dispatched, unfollowed } = read;
    // A function one op.execute creates and another calls runs its body there (function-calls.ts).
    const ops = withCalledBodies(read.ops);
    if (which === 'upgrade' && conditional.where)
      unfollowed.push(conditionalUpgrade(conditional.where, src, lines));
    if (which === 'upgrade' && conditional.unreadUpgrade)
      unfollowed.push(...unreadUpgrade(conditional.unreadUpgrade, src, lines).unfollowed);
    const name = fn.getChild('VariableName') ?? fn;
    module[which] = {
      range: lines.range(fn.from, name.to),
      shape: functionShape(fn, src, ops.length > 0),
      ops,
      ...(dispatched.length > 0 ? { dispatched } : {}),
      ...(unfollowed.length > 0 ? { unfollowed } : {}),
    };
    if (ops.some((op) => op.load !== undefined)) module.loadsSql = true;
  }
  return module;
}

function readAssignment(
  stmt: SyntaxNode,
  src: string,
  lines: LineIndex,
  module: MigrationModule,
  names: ReadonlyMap<string, SyntaxNode | null>,
): void {
  const target = stmt.firstChild;
  const value = stmt.lastChild;
  if (target?.name !== 'VariableName' || !value || value === target || value.name === 'AssignOp') return;
  // Chained `a = b = x` assignments put another AssignOp before the value; ignore them.
  let assignOps = 0;
  for (let c = target.nextSibling; c; c = c.nextSibling) if (c.name === 'AssignOp') assignOps++;
  if (assignOps !== 1) return;
  const name = src.slice(target.from, target.to);
  const range = lines.range(stmt.from, value.to);
  switch (name) {
    case 'revision': {
      module.isMigration = true;
      const v = staticValue(value, src);
      if (typeof v === 'string') module.revision = { value: v, range: lines.range(value.from, value.to) };
      else module.revisionDynamic = range;
      return;
    }
    case 'down_revision':
      module.downRevision = revisionList(value, src, range);
      return;
    case 'branch_labels':
      module.branchLabels = readBranchLabels(value, src, range, names);
      return;
    case 'depends_on':
      module.dependsOn = revisionList(value, src, range);
      return;
  }
}
