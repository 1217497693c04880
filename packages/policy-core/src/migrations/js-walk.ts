import type { SyntaxNode } from '@lezer/common';
import type { CalledBody } from './called-bodies.js';
import type { JsBuilderCall } from './js-builder-call.js';
import type { BuilderScopes } from './js-builder-scopes.js';
import type { KeptQueries } from './js-kept-queries.js';
import type { LineIndex } from '../text-position.js';
import { underCondition } from './js-under-condition.js';
import type { Unfollowed } from './op-reach.js';
import type { SchemaOp, StepFacts } from './schema-op.js';
import { sqlSourceOps, unread } from './sql-text.js';
import { type JsConsts, type JsStaticString, jsStaticString } from './js-string.js';
import type { JsTool } from './js-tools.js';
export { type JsTool, jsToolName } from './js-tools.js';

/** One link of a chain `knex.schema.alterTable('t', cb).then(...)`: a property read or a call. */
export interface Segment {
  /** `.name`; undefined for a call or a computed `[expr]`. */
  prop?: string;
  /** `[expr]`: a member Slipway cannot name. */
  computed?: true;
  /** A call's arguments. */
  args?: SyntaxNode[];
  /** The node this link ends (a MemberExpression or CallExpression). */
  node: SyntaxNode;
}

/** What the walk of one `up`/`down` body knows and collects. */
export interface WalkCtx {
  src: string;
  lines: LineIndex;
  tool: JsTool;
  /** `const NAME = '...'` a static string may use: the module's and the function's (bindFunctionConsts). */
  consts: Map<string, SyntaxNode | string>;
  /** Names bound to the database handle (`knex`, `queryRunner`, a transaction's `trx`). */
  db: Set<string>;
  /** MikroORM: the handle is `this` of the method walked (`this.addSql`): the method's start. */
  self?: number;
  /** Table builder parameters, each within its own callback (js-builder-scopes.ts). */
  builders: BuilderScopes;
  /** Knex query builders kept unrun in `const` names, followed through them (js-knex-kept.ts). */
  kept?: KeptQueries;
  /** The migration runs outside a transaction (`config.transaction = false`, `transaction = false`). */
  autocommit: boolean;
  /** TypeORM: `queryRunner.commitTransaction()` ran, no `startTransaction()` since. */
  committed?: boolean;
  ops: SchemaOp[];
  unfollowed: Unfollowed[];
  /** Each literal SQL text the body runs, by the ops it became: what `slipway trace` runs. */
  sqlTexts?: JsSqlText[];
  /** Each Knex schema call whose arguments are all known: trace has Knex render it (js-knex-replay.ts). */
  builderCalls?: JsBuilderCall[];
  /** Lines of the branches for another database the walk skipped (`if (client.includes('sqlite3'))`). */
  otherDatabase?: number[];
  /** The start of the function walked now: its own `this` is the migration (js-local-calls.ts). */
  method?: number;
  /** What a call may hand the handle to, by name: the class's methods, the module's functions (and its constants). */
  classMethods?: ReadonlyMap<string, SyntaxNode>;
  moduleFunctions?: ReadonlyMap<string, SyntaxNode>;
  moduleConsts?: JsConsts;
  /** Names the file binds once, by an import (js-dialect-value.ts importedNames): read once per file. */
  importedOnce?: (name: string) => boolean;
  /** The functions followed now, outermost first; how many bodies (and characters) this walk has followed. */
  following?: string[];
  followedCalls?: number;
  followedChars?: number;
  /** The body walked now runs only when something holds where it was called from. */
  calledUnderCondition?: boolean;
  /** Each call followed: where, and the lines of the body it ran (called-bodies.ts). */
  calledBodies?: CalledBody[];
}

/** One literal SQL text a JS migration runs (`queryRunner.query("…")`, `knex.raw(…)`). */
export interface JsSqlText {
  /** Index of its first op in the body's ops, and how many it became. */
  at: number;
  count: number;
  sql: string;
  /** 1-based line of the call. */
  line: number;
  /** It runs outside a transaction (the migration's or the tool's setting). */
  autocommit: boolean;
}

const PUNCTUATION = new Set(['(', ')', ',', 'LineComment', 'BlockComment', 'Spread']);

/** A call's argument nodes. */
export function argsOf(argList: SyntaxNode | null): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = argList?.firstChild ?? null; c; c = c.nextSibling) if (!PUNCTUATION.has(c.name)) out.push(c);
  return out;
}

export const text = (n: SyntaxNode, src: string): string => src.slice(n.from, n.to);

/** The construct as a person sees it at a finding: on one line, cut (with …) past `max` characters. */
export function shortText(n: SyntaxNode, src: string, max = 60): string {
  // Spaces collapsed first (a call written over several lines), from a bounded slice of the source.
  const flat = src.slice(n.from, Math.min(n.to, n.from + max * 4)).replace(/\s+/g, ' ');
  if (flat.length <= max && n.to - n.from <= max * 4) return flat;
  // Cut where an argument or a word ends, and say it was cut.
  const cut = flat.slice(0, max - 1);
  const end = cut.lastIndexOf(' ');
  return `${end > max / 2 ? cut.slice(0, end).replace(/,$/, '') : cut}…`;
}

export function str(n: SyntaxNode | undefined, ctx: WalkCtx): string | undefined {
  return n ? jsStaticString(n, ctx.src, ctx.consts)?.value : undefined;
}

/** `schema.table` as knex and TypeORM both accept it: the table and, when written, its schema. */
export function qualified(name: string | undefined, schema?: string): { table?: string; schema?: string } {
  if (name === undefined) return schema ? { schema } : {};
  const dot = name.lastIndexOf('.');
  if (dot > 0) return { schema: name.slice(0, dot), table: name.slice(dot + 1) };
  return { table: name, ...(schema ? { schema } : {}) };
}

/** A step at `node` (the call that makes it), labelled with the call as written. */
export function pushOp(ctx: WalkCtx, node: SyntaxNode, facts: StepFacts): void {
  const inAutocommit = ctx.autocommit || ctx.committed === true;
  ctx.ops.push({
    ...facts,
    range: ctx.lines.range(node.from, node.to),
    source: 'op',
    label: shortText(node, ctx.src, 80),
    js: ctx.tool,
    ...(inAutocommit ? { inAutocommit: true } : {}),
    ...(ctx.calledUnderCondition || underCondition(node) ? { conditional: true as const } : {}),
  });
}

/** `knex.raw(sql)`, `queryRunner.query(sql)`: the SQL's statements, or one unread op saying why not. */
export function pushSql(ctx: WalkCtx, call: SyntaxNode, arg: SyntaxNode | undefined): void {
  const anchor = ctx.lines.range(call.from, call.from);
  const known: JsStaticString | undefined = arg ? jsStaticString(arg, ctx.src, ctx.consts) : undefined;
  const inAutocommit = ctx.autocommit || ctx.committed === true;
  const ops = known
    ? known.value.trim() === ''
      ? []
      : sqlSourceOps({ sql: known.value, offsetAt: known.offsetAt, lines: ctx.lines, anchor })
    : [
        {
          ...unread(
            anchor,
            arg
              ? `its SQL is not a literal (a template with substitutions, a variable, a call): \`${shortText(arg, ctx.src, 40)}\``
              : 'it has no SQL argument',
          ),
          label: shortText(call, ctx.src, 80),
        },
      ];
  // The text whole, even when PostgreSQL's parser rejects a statement of it (trace lists that one
  // and runs the rest); not one refused for its size.
  if (known && ops.length > 0 && !ops.some((o) => o.refused))
    ctx.sqlTexts?.push({
      at: ctx.ops.length,
      count: ops.length,
      sql: known.value,
      line: anchor.start.line + 1,
      autocommit: inAutocommit,
    });
  const conditional = ctx.calledUnderCondition === true || underCondition(call);
  for (const op of ops) {
    op.js = ctx.tool;
    if (inAutocommit) op.inAutocommit = true;
    if (conditional) op.conditional = true;
    ctx.ops.push(op);
  }
}

export function pushUnfollowed(ctx: WalkCtx, node: SyntaxNode, what: string): void {
  ctx.unfollowed.push({
    range: ctx.lines.range(node.from, node.from),
    construct: shortText(node, ctx.src),
    what,
  });
}

/**
 * The chain that starts at a name: each property read and call applied to it in turn, and the
 * node where it ends (its parent uses the result).
 */
export function chainFrom(name: SyntaxNode, src: string): { segments: Segment[]; top: SyntaxNode } {
  const segments: Segment[] = [];
  let cur = name;
  for (;;) {
    const p = cur.parent;
    if (!p || p.firstChild?.from !== cur.from || p.firstChild.to !== cur.to) break;
    if (p.name === 'MemberExpression') {
      const last = p.lastChild;
      if (last?.name === 'PropertyName') segments.push({ prop: text(last, src), node: p });
      else segments.push({ computed: true, node: p });
    } else if (p.name === 'CallExpression') {
      segments.push({ args: argsOf(p.getChild('ArgList')), node: p });
    } else if (p.name === 'NonNullExpression' || p.name === 'ParenthesizedExpression') {
      // `knex!.schema`, `(knex).schema`: the same value.
    } else break;
    cur = p;
  }
  return { segments, top: cur };
}

/** `.name(args)` pairs of a chain, from `start`; undefined at a computed member or a bare call. */
export function methodCalls(
  segments: readonly Segment[],
  start: number,
): { method: string; args: SyntaxNode[]; node: SyntaxNode }[] | { bad: Segment } {
  const out: { method: string; args: SyntaxNode[]; node: SyntaxNode }[] = [];
  for (let i = start; i < segments.length; i++) {
    const s = segments[i] as Segment;
    const next = segments[i + 1];
    if (s.prop === undefined) return { bad: s };
    if (!next?.args) {
      // A method read and not called (`knex.schema.dropTable` handed on) is a value.
      return { bad: s };
    }
    out.push({ method: s.prop, args: next.args, node: next.node });
    i++;
  }
  return out;
}

/** A function literal's first parameter name (`(t) => ...`, `function (table) {...}`). */
export function firstParam(fn: SyntaxNode, src: string): string | undefined {
  if (fn.name !== 'ArrowFunction' && fn.name !== 'FunctionExpression') return undefined;
  const params = fn.getChild('ParamList');
  const def = params?.getChild('VariableDefinition') ?? (params ? null : fn.getChild('VariableDefinition'));
  return def ? text(def, src) : undefined;
}

export const isFunctionLiteral = (n: SyntaxNode | undefined): boolean =>
  n?.name === 'ArrowFunction' || n?.name === 'FunctionExpression';

/** One property of an object literal as the tools read it: a call's options, a config's settings, a module's exports. */
export interface ObjectProperty {
  /** Its name when written out (`a`, `'a'`, `"a-b"` as a static string, `5`); undefined for `[expr]` and `...spread`. */
  key?: string;
  /** The node naming it: a PropertyDefinition, String or Number. */
  keyNode?: SyntaxNode;
  /** `a: v`'s `v`; the Property itself for a method `a() {}`; null for a shorthand `{ a }` and a spread. */
  value: SyntaxNode | null;
  /** `a() {}`, `async a() {}`, `get a() {}`. */
  method: boolean;
  /** `...rest`: the Property, whose keys are not known without running the code. */
  spread?: SyntaxNode;
}

const KEYS = new Set(['PropertyDefinition', 'String', 'Number']);
const COMMENTS = new Set(['LineComment', 'BlockComment']);

/** Where a chain of calls and members starts (`db` of `db.schema.createTable('t').addColumn(…)`). */
export function chainRoot(n: SyntaxNode): SyntaxNode {
  let r = n;
  while ((r.name === 'CallExpression' || r.name === 'MemberExpression') && r.firstChild) r = r.firstChild;
  return r;
}

/** The next sibling that is not a comment (one may sit between any two parts of a construct). */
export function nextCode(n: SyntaxNode | null | undefined): SyntaxNode | null {
  let c = n?.nextSibling ?? null;
  while (c && COMMENTS.has(c.name)) c = c.nextSibling;
  return c;
}

/**
 * A Property node read once for every reader (the knexfile's and data source's settings,
 * Sequelize's options, TypeORM's `new Table({...})`, `module.exports = {...}`): a quoted key is the
 * same key as a bare one (`{ 'name': 'users' }` is `{ name: 'users' }` to JavaScript).
 */
export function objectProperty(p: SyntaxNode, src: string): ObjectProperty {
  let keyNode: SyntaxNode | undefined;
  for (let c = p.firstChild; c && !keyNode; c = c.nextSibling) {
    if (c.name === 'Spread') return { value: null, method: false, spread: p };
    if (c.name === '[') return { value: null, method: false };
    if (KEYS.has(c.name)) keyNode = c;
  }
  if (!keyNode) return { value: null, method: false };
  const key = keyNode.name === 'String' ? jsStaticString(keyNode, src)?.value : text(keyNode, src);
  // A comment may sit anywhere between the parts (`up: /* why */ async (knex) => ...`).
  const colon = nextCode(keyNode)?.name === ':' ? nextCode(keyNode) : null;
  const method = !colon && p.getChild('ParamList') !== null;
  const value = colon ? nextCode(colon) : method ? p : null;
  return { ...(key !== undefined ? { key } : {}), keyNode, value, method };
}

/** The properties of an object literal `{ ... }`, in order; none when `obj` is not one. */
export function objectProperties(obj: SyntaxNode | null | undefined, src: string): ObjectProperty[] {
  if (obj?.name !== 'ObjectExpression') return [];
  return obj.getChildren('Property').map((p) => objectProperty(p, src));
}

/** `{ a: 1 }`'s property `key`: its value node (the Property for a method), null for a shorthand, undefined when absent. */
export function propertyValue(
  obj: SyntaxNode | null | undefined,
  key: string,
  src: string,
): SyntaxNode | null | undefined {
  for (const p of objectProperties(obj, src)) if (p.key === key) return p.value;
  return undefined;
}
