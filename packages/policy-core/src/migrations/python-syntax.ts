import type { SyntaxNode } from '@lezer/common';
import { concatDecoded, type DecodedString, decodePythonString } from './python-string.js';

/** Small readers over the @lezer/python tree: call arguments, dotted names, literal values. */

export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Brackets, braces, commas and comments: what stands between the members of a collection. */
const BETWEEN_MEMBERS = new Set(['(', ')', '[', ']', '{', '}', ',', 'Comment']);

/** The members of a tuple, list, set or parenthesised expression: `("a", "b")` → its two strings. */
export function collectionItems(node: SyntaxNode): SyntaxNode[] {
  return childrenOf(node).filter((c) => !BETWEEN_MEMBERS.has(c.name));
}

export interface CallArgs {
  positional: SyntaxNode[];
  keywords: Map<string, SyntaxNode>;
  /** `*args` / `**kwargs` present: the argument list is not fully known. */
  hasStar: boolean;
}

/**
 * Reads a call's arguments with one cursor: only argument nodes become node objects (this runs
 * for every op call and every `sa.Column(...)` in a history, so punctuation is skipped unmade).
 */
export function callArgs(call: SyntaxNode, src: string): CallArgs {
  const args: CallArgs = { positional: [], keywords: new Map(), hasStar: false };
  const list = call.lastChild;
  if (list?.name !== 'ArgList') return args;
  const cur = list.cursor();
  if (!cur.firstChild()) return args;
  // A name just read (it may be a keyword: `name=`), and the keyword whose value comes next.
  let pending: SyntaxNode | undefined;
  let keyword: string | undefined;
  let starred = false;
  do {
    const name = cur.name;
    if (name === 'AssignOp' && pending) {
      keyword = src.slice(pending.from, pending.to);
      pending = undefined;
      continue;
    }
    if (pending) args.positional.push(pending);
    pending = undefined;
    if (name === '(' || name === ')' || name === ',' || name === 'Comment') continue;
    if (name === '*' || name === '**') {
      args.hasStar = true;
      starred = true;
      continue;
    }
    if (starred) starred = false;
    else if (keyword !== undefined) {
      args.keywords.set(keyword, cur.node);
      keyword = undefined;
    } else if (name === 'VariableName') pending = cur.node;
    else args.positional.push(cur.node);
  } while (cur.nextSibling());
  if (pending) args.positional.push(pending);
  return args;
}

/**
 * Dotted path of a name, attribute or call chain: `op.get_context().autocommit_block` →
 * ["op", "get_context()", "autocommit_block"]. Undefined for anything else (subscripts, ...).
 */
export function dottedPath(node: SyntaxNode, src: string): string[] | undefined {
  switch (node.name) {
    case 'VariableName':
      return [src.slice(node.from, node.to)];
    case 'MemberExpression': {
      const obj = node.firstChild;
      const prop = node.lastChild;
      if (!obj || prop?.name !== 'PropertyName') return undefined;
      const head = dottedPath(obj, src);
      return head ? [...head, src.slice(prop.from, prop.to)] : undefined;
    }
    case 'CallExpression': {
      const callee = node.firstChild;
      const head = callee ? dottedPath(callee, src) : undefined;
      if (!head || head.length === 0) return undefined;
      return [...head.slice(0, -1), `${head[head.length - 1]}()`];
    }
    default:
      return undefined;
  }
}

/** The callee path of a CallExpression, e.g. ["op", "drop_table"]. */
export function calleePath(call: SyntaxNode, src: string): string[] | undefined {
  const callee = call.firstChild;
  return callee ? dottedPath(callee, src) : undefined;
}

/** The last name of a call's callee (`sa.Column(...)` → `Column`); undefined when node is no call. */
export function calleeName(node: SyntaxNode | undefined, src: string): string | undefined {
  return node?.name === 'CallExpression' ? calleePath(node, src)?.pop() : undefined;
}

/** Positional argument i, or keyword `name`. */
export function arg(args: CallArgs, i: number, name: string): SyntaxNode | undefined {
  return args.positional[i] ?? args.keywords.get(name);
}

/**
 * The value of a string expression known without running it: literals, implicit and `+`
 * concatenation, parentheses, and `op.f("name")` (or `batch_op.f`). Undefined when any part is dynamic.
 */
export function staticString(node: SyntaxNode, src: string): DecodedString | undefined {
  switch (node.name) {
    case 'String':
      return decodePythonString(src.slice(node.from, node.to), node.from);
    case 'ContinuedString': {
      const pieces: DecodedString[] = [];
      for (const c of childrenOf(node)) {
        if (c.name === 'Comment') continue;
        const piece = staticString(c, src);
        if (!piece) return undefined;
        pieces.push(piece);
      }
      return pieces.length ? concatDecoded(pieces) : undefined;
    }
    case 'BinaryExpression': {
      const kids = childrenOf(node);
      if (kids.length !== 3 || src.slice(kids[1]!.from, kids[1]!.to) !== '+') return undefined;
      const left = staticString(kids[0]!, src);
      const right = left && staticString(kids[2]!, src);
      return left && right ? concatDecoded([left, right]) : undefined;
    }
    case 'ParenthesizedExpression': {
      const inner = childrenOf(node).filter((c) => c.name !== '(' && c.name !== ')' && c.name !== 'Comment');
      return inner.length === 1 ? staticString(inner[0]!, src) : undefined;
    }
    case 'CallExpression': {
      const path = calleePath(node, src);
      const args = callArgs(node, src);
      // `op.f("ix")`, and `batch_op.f("ix")` as autogenerate writes it with render_as_batch.
      if (path?.length === 2 && path[1] === 'f' && args.positional.length === 1)
        return staticString(args.positional[0]!, src);
      return undefined;
    }
    default:
      return undefined;
  }
}

export type StaticValue = string | number | boolean | null | StaticValue[];

/** A literal value (strings, None, booleans, numbers, tuples, lists), or undefined if dynamic. */
export function staticValue(node: SyntaxNode, src: string): StaticValue | undefined {
  switch (node.name) {
    case 'None':
      return null;
    case 'Boolean':
      return src.slice(node.from, node.to) === 'True';
    case 'Number': {
      const n = Number(src.slice(node.from, node.to).replace(/_/g, ''));
      return Number.isNaN(n) ? undefined : n;
    }
    case 'TupleExpression':
    case 'ArrayExpression':
    case 'ParenthesizedExpression': {
      const items: StaticValue[] = [];
      for (const c of collectionItems(node)) {
        const v = staticValue(c, src);
        if (v === undefined) return undefined;
        items.push(v);
      }
      const hasComma = node.getChild(',') !== null;
      return node.name === 'ParenthesizedExpression' && !hasComma && items.length === 1 ? items[0] : items;
    }
    default:
      return staticString(node, src)?.value;
  }
}

/** The literal string a node holds, if it is one. */
export function str(node: SyntaxNode | null | undefined, src: string): string | undefined {
  return node ? staticString(node, src)?.value : undefined;
}

/** A keyword argument's literal truth: `True`, `False`, or undefined when absent/dynamic. */
export function keywordBool(args: CallArgs, name: string, src: string): boolean | undefined {
  const node = args.keywords.get(name);
  if (!node) return undefined;
  const v = staticValue(node, src);
  return typeof v === 'boolean' ? v : undefined;
}
