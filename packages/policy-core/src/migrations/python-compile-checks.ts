import { type Tree, TreeBuffer } from '@lezer/common';
import { pythonParser } from './python-parser.js';

/**
 * Syntax errors CPython reports that @lezer/python accepts silently (its grammar is looser, and
 * its tokenizer recovers from bad indentation and unclosed strings without an error node):
 * Alembic would fail to import such a file, so MIG130 must say so. One walk over the packed tree,
 * the way hasErrorNode scans it (type ids and offsets, no node objects), costs a few percent of
 * the parse; only the few node kinds checked here get a small frame collecting their children.
 * Messages follow CPython's. The first error found is returned (walk order is source order).
 */

export interface CompileError {
  /** Source offset the error is reported at. */
  at: number;
  message: string;
}

/**
 * What each node type means to the checks. Plain constants, not an enum: enum members stay
 * property reads in the emitted code, a measurable cost in the walk's hot loop.
 */
type K = number;
/** Nothing to check: only walked through. */
const kNone = 0;
/** Lezer's anonymous repeat nodes, which balance long child lists: see through them. */
const kTransparent = 1;
const kScript = 2;
const kBody = 3;
const kComment = 4;
const kColon = 5;
const kError = 6;
const kPrint = 7;
const kImport = 8;
const kAssign = 9;
const kUpdate = 10;
const kDelete = 11;
const kScope = 12;
const kBreak = 13;
const kContinue = 14;
const kAwait = 15;
const kFunctionDef = 16;
const kClassDef = 17;
const kLambda = 18;
const kLoop = 19;
const kParamList = 20;
const kArgList = 21;
const kNumber = 22;
const kString = 23;
const kAssignOp = 24;
const kUpdateOp = 25;
const kComma = 26;
const kStar = 27;
const kDoubleStar = 28;
const kOpenParen = 29;
const kCloseParen = 30;
const kFor = 31;
const kAsync = 32;
const kNonlocal = 33;
const kFrom = 34;
const kImportKw = 35;
const kAs = 36;
const kDot = 37;
const kName = 38;
const kExpressionStatement = 39;
const kLiteral = 40;
const kCall = 41;
const kExpression = 42;
const kTuple = 43;
const kList = 44;

const KIND_BY_NAME: Record<string, K> = {
  Script: kScript,
  Body: kBody,
  Comment: kComment,
  ':': kColon,
  PrintStatement: kPrint,
  ImportStatement: kImport,
  AssignStatement: kAssign,
  UpdateStatement: kUpdate,
  DeleteStatement: kDelete,
  ScopeStatement: kScope,
  BreakStatement: kBreak,
  ContinueStatement: kContinue,
  AwaitExpression: kAwait,
  FunctionDefinition: kFunctionDef,
  ClassDefinition: kClassDef,
  LambdaExpression: kLambda,
  ForStatement: kLoop,
  WhileStatement: kLoop,
  ParamList: kParamList,
  ArgList: kArgList,
  Number: kNumber,
  String: kString,
  FormatString: kString,
  AssignOp: kAssignOp,
  UpdateOp: kUpdateOp,
  ',': kComma,
  '*': kStar,
  '**': kDoubleStar,
  '(': kOpenParen,
  ')': kCloseParen,
  for: kFor,
  async: kAsync,
  nonlocal: kNonlocal,
  from: kFrom,
  import: kImportKw,
  as: kAs,
  '.': kDot,
  VariableName: kName,
  ExpressionStatement: kExpressionStatement,
  ContinuedString: kLiteral,
  Boolean: kLiteral,
  None: kLiteral,
  Ellipsis: kLiteral,
  CallExpression: kCall,
  BinaryExpression: kExpression,
  UnaryExpression: kExpression,
  ConditionalExpression: kExpression,
  TupleExpression: kTuple,
  ArrayExpression: kList,
};

/** Kinds that get a frame or change the context: their subtree is walked by a call of its own. */
const STRUCTURAL = new Uint8Array(64);
for (const k of [
  kScript,
  kBody,
  kImport,
  kAssign,
  kUpdate,
  kDelete,
  kScope,
  kParamList,
  kArgList,
  kFunctionDef,
  kLambda,
  kClassDef,
  kLoop,
])
  STRUCTURAL[k] = 1;

let kinds: Uint8Array | undefined;

function kindTable(): Uint8Array {
  if (kinds) return kinds;
  const types = pythonParser().nodeSet.types;
  const table = new Uint8Array(types.length);
  for (const t of types)
    table[t.id] = t.isError ? kError : t.isAnonymous ? kTransparent : (KIND_BY_NAME[t.name] ?? kNone);
  kinds = table;
  return table;
}

/** `from __future__ import` features CPython knows (`__future__.all_feature_names`). */
const FUTURE_FEATURES = new Set([
  'nested_scopes',
  'generators',
  'division',
  'absolute_import',
  'with_statement',
  'print_function',
  'unicode_literals',
  'barry_as_FLUFL',
  'generator_stop',
  'annotations',
]);

/** The direct children of one checked node, fed in order; fields are per kind. */
interface Frame {
  kind: K;
  from: number;
  /** Children fed so far (or tokens of the current argument, for ArgList). */
  count: number;
  /** Block: column of its statements (-1 until the first one that starts a line). */
  column: number;
  /** Per-kind flags and positions. */
  a: number;
  b: number;
  c: number;
  d: number;
  names?: Set<string>;
  features?: string[];
}

function targetKind(kind: K): string | undefined {
  if (kind === kNumber || kind === kString || kind === kLiteral) return 'literal';
  if (kind === kCall) return 'function call';
  if (kind === kExpression || kind === kAwait || kind === kLambda) return 'expression';
  return undefined;
}

class Walk {
  error: CompileError | undefined;
  private readonly kind: Uint8Array;
  /** Enclosing loops (reset by a def, class or lambda): break and continue need one. */
  private loops = 0;
  /** 0 at module level, 1 in a def (or lambda), 2 in an async def. */
  private fn = 0;
  /** Column of the last statement that started a line, whatever its block. */
  private lastColumn = 0;
  /** `from __future__` is still allowed (only a docstring, comments and other ones so far). */
  private futureOk = true;
  private docstringSeen = false;

  constructor(private readonly src: string) {
    this.kind = kindTable();
  }

  private fail(at: number, message: string): void {
    this.error ??= { at, message };
  }

  tree(t: Tree, pos: number, parent: Frame | undefined): void {
    const type = t.type.id;
    const see = this.kind[type] !== kTransparent;
    // The parent hears of the child first (a def's `async` changes the context of its body),
    // then the context is saved, to be restored once the child's subtree is done.
    if (see && parent) this.feed(parent, this.kind[type] as K, pos, pos + t.length);
    const loops = this.loops;
    const fn = this.fn;
    const frame = see ? this.enter(this.kind[type] as K, pos, pos + t.length) : parent;
    for (let k = 0; k < t.children.length && !this.error; k++) {
      const child = t.children[k] as Tree | TreeBuffer;
      const at = pos + (t.positions[k] as number);
      if (child instanceof TreeBuffer) this.buffer(child.buffer, 0, child.buffer.length, at, frame);
      else this.tree(child, at, frame);
    }
    if (frame && frame !== parent && !this.error) this.leave(frame);
    this.loops = loops;
    this.fn = fn;
  }

  /**
   * Nodes of a packed buffer from index `start` to `end` (four numbers each, pre-order, the
   * fourth the index after the node's subtree). Under a frame, the direct children are fed to
   * it one by one; elsewhere the nodes are read flat, in order, and only a node that opens a
   * frame or a context (a def, a loop) costs a call: most of a file is read as a plain scan.
   */
  private buffer(
    buf: Uint16Array,
    start: number,
    end: number,
    base: number,
    parent: Frame | undefined,
  ): void {
    const kinds = this.kind;
    let i = start;
    while (i < end && this.error === undefined) {
      const kind = kinds[buf[i] as number] as K;
      const next = buf[i + 3] as number;
      if (kind === kTransparent) {
        if (parent === undefined) i += 4;
        else {
          this.buffer(buf, i + 4, next, base, parent);
          i = next;
        }
        continue;
      }
      if (kind === kNone && parent === undefined) {
        i += 4;
        continue;
      }
      const from = base + (buf[i + 1] as number);
      const to = base + (buf[i + 2] as number);
      if (parent) this.feed(parent, kind, from, to);
      if (STRUCTURAL[kind] === 1) {
        const loops = this.loops;
        const fn = this.fn;
        const frame = this.enter(kind, from, to);
        if (next > i + 4) this.buffer(buf, i + 4, next, base, frame);
        if (frame && this.error === undefined) this.leave(frame);
        this.loops = loops;
        this.fn = fn;
        i = next;
      } else {
        if (kind !== kNone) this.enter(kind, from, to);
        if (parent === undefined) i += 4;
        else {
          if (next > i + 4) this.buffer(buf, i + 4, next, base, undefined);
          i = next;
        }
      }
    }
  }

  /** A node's own checks; for a structural kind, its frame and context. */
  private enter(kind: K, from: number, to: number): Frame | undefined {
    switch (kind) {
      case kScript:
        return this.frame(kind, from, 0);
      case kBody:
      case kImport:
      case kAssign:
      case kUpdate:
      case kDelete:
      case kScope:
      case kParamList:
      case kArgList:
        return this.frame(kind, from, -1);
      case kFunctionDef:
        this.loops = 0;
        this.fn = 1;
        return this.frame(kind, from, -1);
      case kLambda:
        this.loops = 0;
        this.fn = 1;
        return undefined;
      case kClassDef:
        this.loops = 0;
        if (this.fn === 2) this.fn = 1;
        return undefined;
      case kLoop:
        this.loops++;
        return undefined;
      case kPrint:
        this.print(from);
        return undefined;
      case kBreak:
        if (this.loops === 0) this.fail(from, "'break' outside loop");
        return undefined;
      case kContinue:
        if (this.loops === 0) this.fail(from, "'continue' not properly in loop");
        return undefined;
      case kAwait:
        if (this.fn !== 2)
          this.fail(from, this.fn === 0 ? "'await' outside function" : "'await' outside async function");
        return undefined;
      case kNumber:
        this.number(from, to);
        return undefined;
      case kString:
        this.string(from, to);
        return undefined;
      default:
        return undefined;
    }
  }

  private frame(kind: K, from: number, column: number): Frame {
    return { kind, from, count: 0, column, a: 0, b: 0, c: 0, d: 0 };
  }

  /** One direct child of a checked node. */
  private feed(f: Frame, kind: K, from: number, to: number): void {
    const n = f.count++;
    switch (f.kind) {
      case kScript:
      case kBody:
        if (kind === kComment || kind === kColon || kind === kError) return;
        this.indentation(f, from);
        if (f.kind === kScript) this.moduleStatement(kind, from);
        return;
      case kFunctionDef:
        if (n === 0 && kind === kAsync) this.fn = 2;
        return;
      case kScope:
        if (n === 0 && kind === kNonlocal && this.fn === 0)
          this.fail(from, 'nonlocal declaration not allowed at module level');
        return;
      case kImport:
        this.importChild(f, n, kind, from, to);
        return;
      case kAssign:
        // a: first target that cannot be assigned to (+1), since the last `=`.
        if (kind === kAssignOp) {
          const what = f.a ? targetKind(f.b as K) : undefined;
          if (what) this.fail(f.a - 1, `cannot assign to ${what}`);
          f.a = 0;
        } else if (!f.a && targetKind(kind)) {
          f.a = from + 1;
          f.b = kind;
        }
        return;
      case kUpdate:
        // a: done with the target; b: first child's kind; c: a comma seen.
        if (f.a) return;
        if (n === 0) f.b = kind;
        if (kind === kComma) f.c = 1;
        if (kind === kUpdateOp) {
          f.a = 1;
          const what = f.c || f.b === kTuple ? 'tuple' : f.b === kList ? 'list' : targetKind(f.b as K);
          if (what) this.fail(f.from, `'${what}' is an illegal expression for augmented assignment`);
        }
        return;
      case kDelete: {
        const what = n === 0 ? undefined : targetKind(kind);
        if (what) this.fail(from, `cannot delete ${what}`);
        return;
      }
      case kParamList:
        this.param(f, kind, from, to);
        return;
      case kArgList:
        this.argument(f, kind, from);
        return;
      default:
        return;
    }
  }

  private leave(f: Frame): void {
    if (f.kind === kImport) this.importDone(f);
    else if (f.kind === kArgList) {
      // Unclosed lists (an error lezer reports itself) end without `)`.
      if (f.count > 0) this.endArgument(f);
      if (f.c > 0 && f.b > 1) this.fail(f.c - 1, 'Generator expression must be parenthesized');
    }
  }

  /**
   * A statement that starts a line sits at its block's column. Lezer reads a line indented
   * deeper, or dedented to a column no block uses, as the next statement of some block.
   */
  private indentation(block: Frame, from: number): void {
    const src = this.src;
    let j = from - 1;
    let c = src.charCodeAt(j);
    // A byte order mark (Python skips it) counts as nothing.
    while (j >= 0 && (c === 32 || c === 9 || c === 12 || c === 0xfeff)) c = src.charCodeAt(--j);
    // Not first on its line (`if x: y`, `a; b`), or a continuation line after a backslash.
    if (
      j >= 0 &&
      (c !== 10 ||
        src.charCodeAt(j - 1) === 92 ||
        (src.charCodeAt(j - 1) === 13 && src.charCodeAt(j - 2) === 92))
    )
      return;
    let column = 0;
    for (let i = j + 1; i < from; i++) {
      const ch = src.charCodeAt(i);
      if (ch === 0xfeff) continue;
      column = ch === 9 ? column - (column % 8) + 8 : ch === 12 ? 0 : column + 1;
    }
    if (block.column === -1) block.column = column;
    else if (column !== block.column)
      this.fail(
        from,
        column > this.lastColumn
          ? 'unexpected indent'
          : 'unindent does not match any outer indentation level',
      );
    this.lastColumn = column;
  }

  /** Top-level order for `from __future__`: a docstring and comments may come first. */
  private moduleStatement(kind: K, from: number): void {
    if (kind === kImport) return; // judged when the import is read (importDone)
    if (
      kind === kExpressionStatement &&
      !this.docstringSeen &&
      /^[rRuUbB]{0,2}["']/.test(this.src.slice(from, from + 3))
    ) {
      this.docstringSeen = true;
      return;
    }
    this.futureOk = false;
  }

  // Import frame: a = is `from` form, b = the previous child's kind, c = future import state
  // (1: `from __future__`, 2: after its `import`), names after `import` collected as features.
  private importChild(f: Frame, n: number, kind: K, from: number, to: number): void {
    if (n === 0) f.a = kind === kFrom ? 1 : 0;
    else if (n === 1 && f.a && kind === kName && this.src.slice(from, to) === '__future__') f.c = 1;
    else if (f.c === 1 && kind === kImportKw) {
      f.c = 2;
      f.features = [];
    } else if (f.c === 1)
      f.c = 0; // `from __future__.x` or similar: not the future module
    else if (f.c === 2 && kind === kName && f.b !== kAs) f.features?.push(this.src.slice(from, to));
    if (kind === kOpenParen) f.column = 1; // parenthesised: a trailing comma is fine
    if (kind === kComma) f.d = from;
    f.b = kind;
  }

  private importDone(f: Frame): void {
    if (f.b === kComma && f.column !== 1) {
      this.fail(f.d, 'trailing comma not allowed without surrounding parentheses');
      return;
    }
    if (f.c !== 2) {
      this.futureOk = false;
      return;
    }
    if (!this.futureOk || this.fn !== 0) {
      this.fail(f.from, 'from __future__ imports must occur at the beginning of the file');
      return;
    }
    const unknown = f.features?.find((name) => !FUTURE_FEATURES.has(name));
    if (unknown !== undefined) this.fail(f.from, `future feature ${unknown} is not defined`);
  }

  /** ParamList: a = the previous child was `=` (so a name now is a default value, not a parameter). */
  private param(f: Frame, kind: K, from: number, to: number): void {
    const isDefault = f.a === 1;
    f.a = kind === kAssignOp ? 1 : 0;
    if (kind !== kName || isDefault) return;
    const name = this.src.slice(from, to);
    f.names ??= new Set();
    if (f.names.has(name)) this.fail(from, `duplicate argument '${name}' in function definition`);
    f.names.add(name);
  }

  /**
   * ArgList, one argument at a time (its tokens are the list's direct children up to a comma).
   * count: tokens of the current argument; column: its first token's kind; from: its start;
   * a: 1 keyword (`name=`) seen, 2 `**` seen; b: arguments so far; c: a generator's start (+1).
   * The current argument is a keyword one when its second token is `=` (not `:=`).
   */
  private argument(f: Frame, kind: K, from: number): void {
    if (kind === kOpenParen || kind === kComment) {
      f.count--;
      return;
    }
    if (kind === kComma || kind === kCloseParen) {
      f.count--;
      if (f.count > 0) this.endArgument(f);
      f.count = 0;
      return;
    }
    const n = f.count - 1;
    if (n === 0) {
      f.column = kind;
      f.from = from;
    } else if (n === 1 && kind === kAssignOp && this.src.charCodeAt(from) === 61) f.column = kAssignOp;
    if ((kind === kFor || kind === kAsync) && f.c === 0) f.c = f.from + 1;
  }

  private endArgument(f: Frame): void {
    f.b++;
    const first = f.column as K;
    if (first === kDoubleStar) f.a = 2;
    else if (first === kStar) {
      if (f.a === 2) this.fail(f.from, 'iterable argument unpacking follows keyword argument unpacking');
    } else if (first === kAssignOp) {
      if (f.a === 0) f.a = 1;
    } else if (f.a === 2) this.fail(f.from, 'positional argument follows keyword argument unpacking');
    else if (f.a === 1) this.fail(f.from, 'positional argument follows keyword argument');
    f.count = 0;
  }

  /** `print "x"`: lezer knows Python 2's print statement; `print -1` is valid Python 3 (a subtraction). */
  private print(from: number): void {
    const src = this.src;
    let i = from + 5;
    while (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9) i++;
    const c = src[i];
    if (c !== '-' && c !== '+')
      this.fail(from, "Missing parentheses in call to 'print'. Did you mean print(...)?");
  }

  /** `0777`: Python 2's octal; `00`, `0_0`, `07.5`, `0777j` and `0e1` are valid. */
  private number(from: number, to: number): void {
    const src = this.src;
    if (src.charCodeAt(from) !== 48 || to - from < 2) return;
    let nonZero = false;
    for (let i = from + 1; i < to; i++) {
      const c = src.charCodeAt(i);
      if (c === 95 || c === 48) continue;
      if (c < 49 || c > 57) return;
      nonZero = true;
    }
    if (nonZero)
      this.fail(
        from,
        'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
      );
  }

  /** Lezer ends a single-quoted string at the line's end and a triple-quoted one at the file's. */
  private string(from: number, to: number): void {
    const src = this.src;
    let i = from;
    for (let c = src.charCodeAt(i); (c >= 65 && c <= 90) || (c >= 97 && c <= 122); c = src.charCodeAt(++i));
    const quote = src.charCodeAt(i);
    const q = src.charCodeAt(i + 1) === quote && src.charCodeAt(i + 2) === quote ? 3 : 1;
    let closed = to - i >= 2 * q;
    for (let k = 1; closed && k <= q; k++) closed = src.charCodeAt(to - k) === quote;
    if (closed) {
      // An odd run of backslashes escapes the would-be closing quote.
      let slashes = 0;
      for (let k = to - q - 1; k >= i + q && src.charCodeAt(k) === 92; k--) slashes++;
      closed = slashes % 2 === 0;
    }
    if (!closed)
      this.fail(from, q === 3 ? 'unterminated triple-quoted string literal' : 'unterminated string literal');
  }
}

/** The first error CPython's compiler would report that lezer let through, if any. */
export function compileError(tree: Tree, src: string): CompileError | undefined {
  const walk = new Walk(src);
  walk.tree(tree, 0, undefined);
  return walk.error;
}
