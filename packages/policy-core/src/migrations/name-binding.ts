import type { SyntaxNode } from '@lezer/common';
import { type CallArgs, callArgs, staticString } from './python-syntax.js';

// Which names in a migration stand for one value, so that `op.drop_table(TABLE)`,
// `op.execute(sql)` and `op.add_column("t", col)` are read as the literal or call bound to the
// name. The MIG rules' walk (op-calls.ts) and trace's renderer both read names through here. A
// name is followed only when Python binds it once: bound again, in a loop, by `+=`, `with ... as`,
// `except ... as`, an import, a walrus or a match capture, it stands for nothing. (A file read
// follows the variable of a loop over literal names one element at a time: loop-bindings.ts.)

/** The names an op's arguments may stand for: bound in this body, or else at module level. */
export interface NameScope {
  src: string;
  /** Names bound in the body walked; null: bound more than once (not followed). */
  names: Map<string, SyntaxNode | null>;
  /** Module-level names; for a nested function, its enclosing functions' names first. */
  moduleNames: NameLookup;
}

/** What a scope reads its outer names through (a Map, or a chain of them for a closure). */
export interface NameLookup {
  get(name: string): SyntaxNode | null | undefined;
}

/** Python nodes whose names are their own scope: what they bind is not the body's. */
const OWN_SCOPE = new Set(['FunctionDefinition', 'ClassDefinition', 'LambdaExpression']);

/**
 * `name = value` (annotated or chained: `a = b = "x"`) binds each name to the value, or to
 * nothing when it was bound before; a tuple target (`a, b = "x", "y"`) binds each to nothing.
 * Returns the names bound to the value.
 */
export function bindAssignment(
  stmt: SyntaxNode,
  src: string,
  names: Map<string, SyntaxNode | null>,
): string[] {
  const value = stmt.lastChild;
  const targets = assignmentTargets(stmt);
  if (!value || targets.length === 0) return [];
  if (targets.some((t) => t.name !== 'VariableName')) {
    for (const t of targets) forgetTargets(t, src, names);
    return [];
  }
  return targets.map((t) => {
    const name = src.slice(t.from, t.to);
    names.set(name, names.has(name) ? null : value);
    return name;
  });
}

/**
 * What an assignment binds: its targets, before the last `=` (`a = b = "x"` binds two names,
 * `a: str = "x"` one; an annotation alone, `a: str`, none).
 */
function assignmentTargets(stmt: SyntaxNode): SyntaxNode[] {
  const before: SyntaxNode[] = [];
  let targets: SyntaxNode[] = [];
  for (let c = stmt.firstChild; c; c = c.nextSibling) {
    if (c.name === 'AssignOp') targets = [...before];
    else if (c.name !== 'TypeDef') before.push(c);
  }
  return targets;
}

/**
 * What a module-level statement does to the module's names: `NAME = value` binds, anything else
 * that binds (an `if`, a `try`, an import) leaves its names standing for nothing. A `def` or a
 * class binds only its own name, which no op argument reads as a value.
 */
export function noteModuleStatement(
  stmt: SyntaxNode,
  src: string,
  names: Map<string, SyntaxNode | null>,
): void {
  if (stmt.name === 'AssignStatement') bindAssignment(stmt, src, names);
  else if (!MODULE_DEFINITIONS.has(stmt.name)) forgetBoundNames(stmt, src, names);
}

const MODULE_DEFINITIONS = new Set(['FunctionDefinition', 'DecoratedStatement', 'ClassDefinition']);

/**
 * A statement whose inside is not followed (a `try`, a loop, an `if` at module level): every name
 * it may bind stands for nothing after it, as Python may or may not have run the binding.
 */
export function forgetBoundNames(stmt: SyntaxNode, src: string, names: Map<string, SyntaxNode | null>): void {
  switch (stmt.name) {
    case 'AssignStatement':
      for (const t of assignmentTargets(stmt)) forgetTargets(t, src, names);
      break;
    case 'ForStatement':
      forgetLoopTargets(stmt, src, names);
      break;
    case 'UpdateStatement':
    case 'NamedExpression':
    case 'CapturePattern':
      forgetTargets(stmt.firstChild, src, names);
      break;
    case 'ImportStatement':
    case 'DeleteStatement':
      forgetTargets(stmt, src, names);
      return;
    case 'ArgList':
      // A walrus among a call's arguments (`f(x := 1)`) parses as a name and `:=` side by side.
      for (let c = stmt.firstChild; c; c = c.nextSibling)
        if (c.name === 'AssignOp' && src.slice(c.from, c.to) === ':=')
          forgetTargets(c.prevSibling, src, names);
      break;
    case 'as':
      forgetTargets(stmt.nextSibling, src, names);
      return;
  }
  if (OWN_SCOPE.has(stmt.name)) return;
  for (let c = stmt.firstChild; c; c = c.nextSibling) forgetBoundNames(c, src, names);
}

/** `for sql in statements:`: the loop variables stand for many values, none followed. */
export function forgetLoopTargets(
  stmt: SyntaxNode,
  src: string,
  names: Map<string, SyntaxNode | null>,
): void {
  for (let c = stmt.firstChild; c && c.name !== 'in'; c = c.nextSibling) forgetTargets(c, src, names);
}

/** Every plain name in a binding target (`a`, `(a, b)`, `[a, *b]`) stands for nothing now. */
function forgetTargets(node: SyntaxNode | null, src: string, names: Map<string, SyntaxNode | null>): void {
  if (!node) return;
  if (node.name === 'VariableName') {
    names.set(src.slice(node.from, node.to), null);
    return;
  }
  // `a.b = x` and `a[0] = x` change an object, not what the name `a` stands for.
  if (node.name === 'MemberExpression' || node.name === 'SubscriptExpression') return;
  for (let c = node.firstChild; c; c = c.nextSibling) forgetTargets(c, src, names);
}

/** The value a name is bound to once, in this body or else at module level. */
export function boundValue(name: string, scope: NameScope): SyntaxNode | undefined {
  const local = scope.names.get(name);
  if (local !== undefined) return local ?? undefined;
  return scope.moduleNames.get(name) ?? undefined;
}

/**
 * An argument as an op reads it: a name bound once to a string or to a call (`TABLE = "users"`
 * at module level, `col = sa.Column("flag", ...)` in the body, a helper's parameter the call gave
 * one) stands for that value, as Python evaluates it once where it is bound; anything else is
 * itself. Findings stay at the op's call: only what the op reads changes.
 */
export function boundArg(node: SyntaxNode | undefined, scope: NameScope): SyntaxNode | undefined {
  if (node?.name !== 'VariableName') return node;
  const bound = boundValue(scope.src.slice(node.from, node.to), scope);
  return bound && followed(bound, scope.src) ? bound : node;
}

/** What a name may stand for in an op's arguments: a string, or a call such as `sa.Column(...)`. */
function followed(value: SyntaxNode, src: string): boolean {
  return value.name === 'CallExpression' || staticString(value, src) !== undefined;
}

/** A call's arguments with boundArg applied to each (the same object when no name is among them). */
export function boundArgs(args: CallArgs, scope: NameScope): CallArgs {
  const isName = (n: SyntaxNode) => n.name === 'VariableName';
  if (!args.positional.some(isName) && ![...args.keywords.values()].some(isName)) return args;
  return {
    ...args,
    positional: args.positional.map((a) => boundArg(a, scope) ?? a),
    keywords: new Map([...args.keywords].map(([k, v]) => [k, boundArg(v, scope) ?? v])),
  };
}

/**
 * A helper's own names as one call binds them: each parameter stands for the string or call the
 * call passes it (written there, or a name bound to one), or its default when the call passes
 * nothing; otherwise for nothing. `_drop("users")` then reads as dropping "users", and a second call
 * `_drop("teams")` as dropping "teams". A call that spreads arguments (`*args`, `**kw`) binds
 * nothing: which value lands where is not known.
 */
export function helperNames(
  fn: SyntaxNode,
  call: SyntaxNode,
  scope: NameScope,
): Map<string, SyntaxNode | null> {
  const names = new Map<string, SyntaxNode | null>();
  for (const { name, given, fallback, known } of callParams(fn, call, scope.src)) {
    const value = known ? boundArg(given ?? fallback, scope) : undefined;
    names.set(name, value && followed(value, scope.src) ? value : null);
  }
  return names;
}

/** A parameter as one call binds it: the argument given, its default; `known`: not through `*`. */
export interface CallParam {
  name: string;
  given: SyntaxNode | undefined;
  fallback: SyntaxNode | undefined;
  known: boolean;
}

/** Each parameter of `fn` with what `call` passes it (by position, then by keyword). */
export function callParams(fn: SyntaxNode, call: SyntaxNode, src: string): CallParam[] {
  const out: CallParam[] = [];
  const args = callArgs(call, src);
  let position = 0;
  let keywordOnly = false;
  for (let p = fn.getChild('ParamList')?.firstChild ?? null; p; p = p.nextSibling) {
    if (p.name === '*' || p.name === '**') keywordOnly = true;
    if (p.name !== 'VariableName') continue;
    const name = src.slice(p.from, p.to);
    const collects = p.prevSibling?.name === '*' || p.prevSibling?.name === '**';
    const known = !args.hasStar && !collects;
    const given = known
      ? ((keywordOnly ? undefined : args.positional[position]) ?? args.keywords.get(name))
      : undefined;
    if (!keywordOnly) position++;
    const fallback =
      p.nextSibling?.name === 'AssignOp' ? (p.nextSibling.nextSibling ?? undefined) : undefined;
    out.push({ name, given, fallback, known });
  }
  return out;
}
