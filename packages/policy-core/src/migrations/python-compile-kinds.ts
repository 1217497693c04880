import { pythonParser } from './python-parser.js';

// The node kinds the compile checks (python-compile-checks.ts) tell apart, the table from
// @lezer/python's node types to them, and the frame the walk keeps for a checked node.

/**
 * What each node type means to the checks. Plain constants, not an enum: enum members stay
 * property reads in the emitted code, a measurable cost in the walk's hot loop.
 */
export type K = number;
/** Nothing to check: only walked through. */
export const kNone = 0;
/** Lezer's anonymous repeat nodes, which balance long child lists: see through them. */
export const kTransparent = 1;
export const kScript = 2;
export const kBody = 3;
export const kComment = 4;
export const kColon = 5;
export const kError = 6;
export const kPrint = 7;
export const kImport = 8;
export const kAssign = 9;
export const kUpdate = 10;
export const kDelete = 11;
export const kScope = 12;
export const kBreak = 13;
export const kContinue = 14;
export const kAwait = 15;
export const kFunctionDef = 16;
export const kClassDef = 17;
export const kLambda = 18;
export const kLoop = 19;
export const kParamList = 20;
export const kArgList = 21;
export const kNumber = 22;
export const kString = 23;
export const kAssignOp = 24;
export const kUpdateOp = 25;
export const kComma = 26;
export const kStar = 27;
export const kDoubleStar = 28;
export const kOpenParen = 29;
export const kCloseParen = 30;
export const kFor = 31;
export const kAsync = 32;
export const kNonlocal = 33;
export const kFrom = 34;
export const kImportKw = 35;
export const kAs = 36;
export const kDot = 37;
export const kName = 38;
export const kExpressionStatement = 39;
export const kLiteral = 40;
export const kCall = 41;
export const kExpression = 42;
export const kTuple = 43;
export const kList = 44;
export const kIn = 45;

export const KIND_BY_NAME: Record<string, K> = {
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
  in: kIn,
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
export const STRUCTURAL = new Uint8Array(64);
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

export function kindTable(): Uint8Array {
  if (kinds) return kinds;
  const types = pythonParser().nodeSet.types;
  const table = new Uint8Array(types.length);
  for (const t of types)
    table[t.id] = t.isError ? kError : t.isAnonymous ? kTransparent : (KIND_BY_NAME[t.name] ?? kNone);
  kinds = table;
  return table;
}

/** `from __future__ import` features CPython knows (`__future__.all_feature_names`). */
export const FUTURE_FEATURES = new Set([
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
export interface Frame {
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

export function targetKind(kind: K): string | undefined {
  if (kind === kNumber || kind === kString || kind === kLiteral) return 'literal';
  if (kind === kCall) return 'function call';
  if (kind === kExpression || kind === kAwait || kind === kLambda) return 'expression';
  return undefined;
}
