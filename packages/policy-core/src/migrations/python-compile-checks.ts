import { type Tree, TreeBuffer } from '@lezer/common';
import {
  kArgList,
  kAssign,
  kAssignOp,
  kAsync,
  kAwait,
  kBody,
  kBreak,
  kClassDef,
  kColon,
  kComma,
  kComment,
  kContinue,
  kDelete,
  kError,
  kExpressionStatement,
  kFunctionDef,
  kImport,
  kLambda,
  kList,
  kLoop,
  kNone,
  kNonlocal,
  kNumber,
  kParamList,
  kPrint,
  kScope,
  kScript,
  kString,
  kTransparent,
  kTuple,
  kUpdate,
  kUpdateOp,
  FUTURE_FEATURES,
  STRUCTURAL,
  kindTable,
  targetKind,
  type Frame,
  type K,
} from './python-compile-kinds.js';
import { argumentError, endArgumentError, importChild, paramError } from './python-frame-checks.js';
import { numberError, printStatementError, stringError } from './python-token-checks.js';

/**
 * Syntax errors CPython reports that @lezer/python accepts silently (its grammar is looser, and
 * its tokenizer recovers from bad indentation and unclosed strings without an error node):
 * Alembic would fail to import such a file, so MIG130 must say so. One walk over the packed tree,
 * the way hasErrorNode scans it (type ids and offsets, no node objects), costs a few percent of
 * the parse; only the few node kinds checked here get a small frame collecting their children.
 * Messages follow CPython's. The first error found is returned (walk order is source order).
 *
 * Over 300 lines: half of it is the walk's switch over node kinds, and the cases share the
 * walk's state (enclosing loops and functions, the module's first statements), so they stay in
 * one class. Kinds, token checks and argument-list bookkeeping,
 * which need none of it, are in python-compile-kinds.ts, python-token-checks.ts and
 * python-frame-checks.ts.
 */

export interface CompileError {
  /** Source offset the error is reported at. */
  at: number;
  message: string;
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

  private report(at: number, message: string | undefined): void {
    if (message !== undefined) this.fail(at, message);
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
        this.report(from, printStatementError(this.src, from));
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
        this.report(from, numberError(this.src, from, to));
        return undefined;
      case kString:
        this.report(from, stringError(this.src, from, to));
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
        importChild(f, n, kind, from, to, this.src);
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
        this.report(from, paramError(f, kind, from, to, this.src));
        return;
      case kArgList: {
        // Read after the call: a message is reported at the argument's start, which it sets.
        const message = argumentError(f, kind, from, this.src);
        this.report(f.from, message);
        return;
      }
      default:
        return;
    }
  }

  private leave(f: Frame): void {
    if (f.kind === kImport) this.importDone(f);
    else if (f.kind === kArgList) {
      // Unclosed lists (an error lezer reports itself) end without `)`.
      if (f.count > 0) this.report(f.from, endArgumentError(f));
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
}

/** The first error CPython's compiler would report that lezer let through, if any. */
export function compileError(tree: Tree, src: string): CompileError | undefined {
  const walk = new Walk(src);
  walk.tree(tree, 0, undefined);
  return walk.error;
}
