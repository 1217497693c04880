/**
 * The parts of mvdan/sh's syntax tree (the `mvdan-sh` package, a GopherJS build of the Go
 * parser shfmt uses) that the shell reader looks at. The package ships no types: these name the
 * fields of `mvdan.cc/sh/v3/syntax` that exist in its build, each optional where Go has a nil.
 * A node's kind is `nodeType(node)` (the Go type's name), never a field.
 */
export interface ShFile {
  Stmts: ShStmt[];
}

export interface ShStmt {
  Cmd: ShNode | null;
  Redirs: ShRedirect[];
  Negated: boolean;
  Background: boolean;
}

export interface ShRedirect {
  Op: number;
  /** The file descriptor before the operator (`2>`), or null. */
  N: { Value: string } | null;
  Word: ShWord | null;
  /** A heredoc's body. */
  Hdoc: ShWord | null;
}

export interface ShWord {
  Parts: ShNode[];
}

export interface ShAssign {
  Name: { Value: string } | null;
  Value: ShWord | null;
  Naked: boolean;
  Array: unknown;
  /** `a[i]=x`: the subscript, an arithmetic expression. */
  Index?: unknown;
}

/** Any node: the fields of every kind the reader reads, each present only on its kinds. */
export interface ShNode {
  // CallExpr
  Assigns?: ShAssign[];
  Args?: ShWord[] | ShAssign[];
  // BinaryCmd
  Op?: number;
  X?: ShStmt & ShNode;
  Y?: ShStmt;
  // Subshell, Block, CmdSubst, ProcSubst
  Stmts?: ShStmt[];
  // IfClause, WhileClause, ForClause
  Cond?: ShStmt[];
  Then?: ShStmt[];
  Else?: ShNode | null;
  Do?: ShStmt[];
  Loop?: ShNode;
  Items?: (ShWord[] & { Patterns?: ShWord[]; Stmts?: ShStmt[] }[]) | ShWord[];
  // CaseClause
  Word?: ShWord;
  // FuncDecl, TimeClause, CoprocClause
  Body?: ShStmt;
  Stmt?: ShStmt | null;
  // DeclClause
  Variant?: { Value: string };
  // Lit, SglQuoted
  Value?: string;
  // SglQuoted, DblQuoted: `$'…'`, `$"…"`
  Dollar?: boolean;
  // DblQuoted
  Parts?: ShNode[];
  // ParamExp
  Param?: { Value: string } | null;
  Short?: boolean;
  Length?: boolean;
  Excl?: boolean;
  Index?: unknown;
  Slice?: unknown;
  Repl?: unknown;
  Exp?: unknown;
}

/** `${X=v}` and `${X:=v}`, which assign X when it is unset (mvdan/sh's ParExpOperator values in this build). */
export const PARAM_ASSIGN: ReadonlySet<number> = new Set([74, 75]);

/** The redirect operators (mvdan/sh's RedirOperator values in this build). */
export const REDIR = {
  out: 54, // >
  append: 55, // >>
  in: 56, // <
  readWrite: 57, // <>
  dupIn: 58, // <&
  dupOut: 59, // >&
  clobber: 60, // >|
  heredoc: 61, // <<
  heredocTabs: 62, // <<-
  hereString: 63, // <<<
  all: 64, // &>
  appendAll: 65, // &>>
} as const;

/** BinaryCmd operators. */
export const BINARY = { and: 10, or: 11, pipe: 12, pipeAll: 13 } as const;

/** ProcSubst operators: `<(…)` reads a command's output, `>(…)` writes to one. */
export const PROC_SUBST = { in: 66, out: 67 } as const;
