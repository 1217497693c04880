import {
  type Frame,
  type K,
  kAs,
  kAssignOp,
  kAsync,
  kCloseParen,
  kComma,
  kComment,
  kDoubleStar,
  kFor,
  kIn,
  kFrom,
  kImportKw,
  kName,
  kOpenParen,
  kStar,
} from './python-compile-kinds.js';

// The children of an import, a parameter list and an argument list, fed one at a time by the
// compile-check walk (python-compile-checks.ts). Each keeps its state in the frame's fields and
// returns CPython's message when the child makes the node invalid.

/**
 * Import frame: a = is `from` form, b = the previous child's kind, c = future import state
 * (1: `from __future__`, 2: after its `import`), names after `import` collected as features.
 */
export function importChild(f: Frame, n: number, kind: K, from: number, to: number, src: string): void {
  if (n === 0) f.a = kind === kFrom ? 1 : 0;
  else if (n === 1 && f.a && kind === kName && src.slice(from, to) === '__future__') f.c = 1;
  else if (f.c === 1 && kind === kImportKw) {
    f.c = 2;
    f.features = [];
  } else if (f.c === 1)
    f.c = 0; // `from __future__.x` or similar: not the future module
  else if (f.c === 2 && kind === kName && f.b !== kAs) f.features?.push(src.slice(from, to));
  if (kind === kOpenParen) f.column = 1; // parenthesised: a trailing comma is fine
  if (kind === kComma) f.d = from;
  f.b = kind;
}

/**
 * ParamList: a = the previous child was `=` (so a name now is a default value, not a parameter).
 * The message is reported at the parameter (`from`).
 */
export function paramError(f: Frame, kind: K, from: number, to: number, src: string): string | undefined {
  const isDefault = f.a === 1;
  f.a = kind === kAssignOp ? 1 : 0;
  if (kind !== kName || isDefault) return undefined;
  const name = src.slice(from, to);
  f.names ??= new Set();
  const duplicate = f.names.has(name);
  f.names.add(name);
  return duplicate ? `duplicate argument '${name}' in function definition` : undefined;
}

/**
 * ArgList, one argument at a time (its tokens are the list's direct children up to a comma).
 * count: tokens of the current argument; column: its first token's kind; from: its start;
 * a: 1 keyword (`name=`) seen, 2 `**` seen; b: arguments so far; c: a generator's start (+1);
 * d: 1 between a generator's `for` and its `in`, where a comma separates targets
 * (`sorted(k for k, v in items)`), not arguments.
 * The current argument is a keyword one when its second token is `=` (not `:=`). A message is
 * reported at the argument's start (`f.from`).
 */
export function argumentError(f: Frame, kind: K, from: number, src: string): string | undefined {
  if (kind === kOpenParen || kind === kComment) {
    f.count--;
    return undefined;
  }
  if (kind === kComma && f.d === 1) return undefined;
  if (kind === kComma || kind === kCloseParen) {
    f.count--;
    const message = f.count > 0 ? endArgumentError(f) : undefined;
    f.count = 0;
    return message;
  }
  const n = f.count - 1;
  if (n === 0) {
    f.column = kind;
    f.from = from;
  } else if (n === 1 && kind === kAssignOp && src.charCodeAt(from) === 61) f.column = kAssignOp;
  if ((kind === kFor || kind === kAsync) && f.c === 0) f.c = f.from + 1;
  if (kind === kFor) f.d = 1;
  else if (kind === kIn) f.d = 0;
  return undefined;
}

/** The end of one argument of an ArgList; a message is reported at its start (`f.from`). */
export function endArgumentError(f: Frame): string | undefined {
  f.b++;
  f.count = 0;
  const first = f.column as K;
  if (first === kDoubleStar) f.a = 2;
  else if (first === kStar) {
    if (f.a === 2) return 'iterable argument unpacking follows keyword argument unpacking';
  } else if (first === kAssignOp) {
    if (f.a === 0) f.a = 1;
  } else if (f.a === 2) return 'positional argument follows keyword argument unpacking';
  else if (f.a === 1) return 'positional argument follows keyword argument';
  return undefined;
}
