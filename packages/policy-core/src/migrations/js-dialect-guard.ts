import type { SyntaxNode } from '@lezer/common';
import { type OtherBranch, otherDatabaseCases } from './js-dialect-switch.js';
import { type Client, clientValue, PG_CLIENTS, type Scope, writtenValue } from './js-dialect-value.js';
import { argsOf, nextCode, type Segment, text, type WalkCtx } from './js-walk.js';
import { jsStaticString } from './js-string.js';

/**
 * Whether a Knex migration's `if` test holds on PostgreSQL, read from its own client tests:
 * `if (knex.client.config.client.includes('sqlite3'))`, `if (knex.client.config.client === 'pg')`,
 * `if (knex.client.dialect !== 'postgresql')`, negated, parenthesized, joined with `&&` / `||`.
 *
 * Why: histories that support several databases branch on the client, and what a SQLite-only
 * branch does (drop a table and make it again, where SQLite cannot drop a key) never runs on
 * PostgreSQL: read as PostgreSQL's, it is a false MIG001 on a real project, and trace would run
 * it. The client is named in the project's knexfile, as `pg`, `postgres` or `postgresql` (Knex
 * takes all three): a test is decided only when it comes out the same for each. A `const` the
 * function binds to such a test (`const isSQLite = knex.client.config.client.includes('sqlite')`),
 * and binds nowhere else in its body, is the test. Anything else is `undefined`, and both branches are read as before.
 */
export function holdsOnPostgresJs(test: SyntaxNode, scope: Scope): boolean | undefined {
  const answers = PG_CLIENTS.map((c) => evaluate(test, scope, c, 0));
  const first = answers[0];
  return answers.every((a) => a === first) ? first : undefined;
}

const MAX_DEPTH = 8;

function evaluate(n: SyntaxNode, scope: Scope, c: Client, depth: number): boolean | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const { src } = scope;
  const again = (x: SyntaxNode) => evaluate(x, scope, c, depth + 1);
  switch (n.name) {
    case 'VariableName': {
      const bound = scope.constNamed(text(n, src));
      return bound ? again(bound) : undefined;
    }
    case 'ParenthesizedExpression': {
      const inner = n.firstChild?.nextSibling;
      return inner && inner.name !== ')' ? again(inner) : undefined;
    }
    case 'UnaryExpression': {
      const op = n.firstChild;
      if (op?.name !== 'LogicOp' || text(op, src) !== '!' || !n.lastChild) return undefined;
      const v = again(n.lastChild);
      return v === undefined ? undefined : !v;
    }
    case 'BinaryExpression': {
      const left = n.firstChild;
      const op = left?.nextSibling;
      const right = n.lastChild;
      if (!left || !op || !right) return undefined;
      const o = text(op, src);
      if (o === '&&' || o === '||') {
        const [a, b] = [again(left), again(right)];
        if (o === '&&')
          return a === false || b === false ? false : a === true && b === true ? true : undefined;
        return a === true || b === true ? true : a === false && b === false ? false : undefined;
      }
      if (!['===', '==', '!==', '!='].includes(o)) return undefined;
      const [value, other] = clientValue(left, scope, c) !== undefined ? [left, right] : [right, left];
      const known = clientValue(value, scope, c);
      const written = writtenValue(other, scope);
      if (known === undefined || written === undefined) return undefined;
      return (known === written) === (o === '===' || o === '==');
    }
    case 'CallExpression': {
      // client.includes('sqlite3'), client.startsWith('pg'), client.endsWith(…)
      const callee = n.firstChild;
      const args = argsOf(n.getChild('ArgList'));
      if (callee?.name !== 'MemberExpression' || args.length !== 1) return undefined;
      const method = callee.lastChild;
      const on = callee.firstChild;
      const arg = jsStaticString(args[0] as SyntaxNode, src)?.value;
      if (!method || !on || arg === undefined) return undefined;
      const known = clientValue(on, scope, c);
      if (known === undefined) return undefined;
      switch (text(method, src)) {
        case 'includes':
          return known.includes(arg);
        case 'startsWith':
          return known.startsWith(arg);
        case 'endsWith':
          return known.endsWith(arg);
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}

/**
 * `knex.client.config.client.includes('sqlite3')`, `knex.client.dialect === 'pg'`: the client's
 * name read (string methods called on it, in a test like those above): no SQL runs.
 */
export function readsClientName(segments: readonly Segment[]): boolean {
  const [, a, b] = segments;
  return (a?.prop === 'config' && b?.prop === 'client') || a?.prop === 'dialect';
}

/**
 * The branches PostgreSQL does not run in the function body `body`: of an
 * `if (knex.client.config.client.includes('sqlite3')) { … } else { … }`, or the clauses of a
 * `switch (queryRunner.connection.options.type)` (js-dialect-switch.ts): their extents (the walk
 * skips them) and the lines trace lists them at. None (undecided) whenever the body could make the
 * test lie: it writes to the handle (`knex.client.config.client = 'sqlite3'`,
 * Object.assign(knex.client, …)), binds a name of the handle again in an inner scope, or the test's
 * name is bound more than once. One reader per body: whether the body rewrites the handle is read
 * once, at its first test, not at each.
 */
export function otherDatabaseBranches(body: SyntaxNode, ctx: WalkCtx): (node: SyntaxNode) => OtherBranch[] {
  let rewrites: boolean | undefined;
  const scope: Scope = {
    src: ctx.src,
    db: ctx.db,
    constNamed: (name) => constValue(body, name, ctx.src),
    ...(ctx.importedOnce ? { importedOnce: ctx.importedOnce } : {}),
  };
  return (node) => {
    if (!node.getChild('ParenthesizedExpression')) return [];
    rewrites ??= rewritesHandle(body, ctx);
    if (rewrites) return [];
    if (node.name === 'IfStatement') {
      const branch = otherDatabaseBranch(node, scope, ctx);
      return branch ? [branch] : [];
    }
    return otherDatabaseCases(node, scope, (at) => ctx.lines.position(at).line + 1) ?? [];
  };
}

function otherDatabaseBranch(node: SyntaxNode, scope: Scope, ctx: WalkCtx): OtherBranch | undefined {
  const test = node.getChild('ParenthesizedExpression');
  if (!test) return undefined;
  const holds = holdsOnPostgresJs(test, scope);
  if (holds === undefined) return undefined;
  const consequent = nextCode(test);
  const elseKeyword = node.getChild('else');
  const alternate = nextCode(elseKeyword);
  const branch = holds ? alternate : consequent;
  if (!branch) return undefined;
  const at = holds ? (elseKeyword ?? branch) : branch;
  return { from: branch.from, to: branch.to, line: ctx.lines.position(at.from).line + 1 };
}

const MUTATORS = new Set([
  'Object.assign',
  'Object.defineProperty',
  'Object.defineProperties',
  'Object.setPrototypeOf',
  'Reflect.set',
  'Reflect.defineProperty',
  'Reflect.setPrototypeOf',
]);

/** The body writes to the handle, or binds one of its names again (a parameter, a declaration). */
function rewritesHandle(body: SyntaxNode, ctx: WalkCtx): boolean {
  const handle = (written: string) => {
    const head = /^[\w$]+/.exec(written.trim())?.[0];
    return head !== undefined && ctx.db.has(head);
  };
  const cursor = body.cursor();
  const end = body.to;
  let more = true;
  while (more && cursor.from < end) {
    const n = cursor.node;
    const target =
      n.name === 'AssignmentExpression' || n.name === 'PostfixExpression'
        ? n.firstChild
        : n.name === 'UnaryExpression' && ['++', '--', 'delete'].includes(text(n.firstChild ?? n, ctx.src))
          ? n.lastChild
          : null;
    if (target && handle(text(target, ctx.src))) return true;
    if (n.name === 'VariableDefinition' && ctx.db.has(text(n, ctx.src))) return true;
    if (n.name === 'CallExpression') {
      const callee = n.firstChild ? text(n.firstChild, ctx.src).replace(/\s+/g, '') : '';
      if (MUTATORS.has(callee) && argsOf(n.getChild('ArgList')).some((a) => handle(text(a, ctx.src))))
        return true;
    }
    more = cursor.next();
  }
  return false;
}

/**
 * `const name = value` among the statements of `body` (not in nested blocks): its value, when
 * nothing else in the body binds the name (a nested `for (const name …)`, a callback's parameter).
 */
function constValue(body: SyntaxNode, name: string, src: string): SyntaxNode | undefined {
  let bindings = 0;
  const cursor = body.cursor();
  let more = true;
  while (more && cursor.from < body.to) {
    if (cursor.name === 'VariableDefinition' && text(cursor.node, src) === name) bindings++;
    more = cursor.next();
  }
  if (bindings !== 1) return undefined;
  for (const d of body.getChildren('VariableDeclaration')) {
    if (d.firstChild?.name !== 'const') continue;
    for (let c: SyntaxNode | null = d.firstChild; c; c = c.nextSibling)
      if (c.name === 'VariableDefinition' && text(c, src) === name) {
        // `const dbType: DatabaseType = …`: the annotation says nothing of the value.
        const eq = c.nextSibling?.name === 'TypeAnnotation' ? c.nextSibling.nextSibling : c.nextSibling;
        return eq?.name === 'Equals' ? (eq.nextSibling ?? undefined) : undefined;
      }
  }
  return undefined;
}
