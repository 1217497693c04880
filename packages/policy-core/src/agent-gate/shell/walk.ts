import { commandEffects } from './command.js';
import type { Cwds, Outcome, ReadStmt, WalkContext } from './context.js';
import { addUnknown, addWrite, argOf, sourceOf, staysIn, unionCwds } from './context.js';
import { hijackingAssignment, SHELL_CALLS_FUNCTION } from './hijack.js';
import { nodeType, walkNodes } from './parse-shell.js';
import { redirectContent } from './redirect-content.js';
import { CODE_TEXT } from './arithmetic-code.js';
import { declaration } from './assignment-marks.js';
import type { ShAssign, ShNode, ShRedirect, ShStmt, ShWord } from './sh-ast.js';
import { plainWord, rawWords } from './word-value.js';
import { zshClobberTarget } from './zsh-clobber.js';
import { zshGlobQualifiers } from './zsh-glob-qualifiers.js';
import { isZshNumericGlob } from './zsh-numeric-glob.js';
import { BINARY, PARAM_ASSIGN, REDIR } from './sh-ast.js';

const same = (cwds: Cwds): Outcome => ({ ok: cwds, fail: cwds });
const either = (o: Outcome): Cwds => unionCwds(o.ok, o.fail);

/** A list of statements run one after the other (`a; b`, lines). */
export function walkStmts(ctx: WalkContext, stmts: readonly ShStmt[], cwds: Cwds): Outcome {
  let outcome = same(cwds);
  for (const stmt of stmts) outcome = walkStmt(ctx, stmt, either(outcome));
  return outcome;
}

/** A list run in a subshell (`( … )`, `$( … )`, a pipeline's part): its `cd` stays inside. */
export function walkSubshell(ctx: WalkContext, stmts: readonly ShStmt[], cwds: Cwds): void {
  walkStmts(ctx, stmts, cwds);
}

export function walkStmt(ctx: WalkContext, stmt: ShStmt, cwds: Cwds): Outcome {
  // Each field read through the package's wrappers converts it anew (a command's words: one
  // object each): the command, its words and its redirections are read once here.
  const cmd = stmt.Cmd;
  const type = nodeType(cmd);
  const words = type === 'CallExpr' ? rawWords(cmd) : [];
  const redirs = stmt.Redirs;
  const read: ReadStmt = { stmt, cmd, type, words, redirs };
  // Redirections apply in the directory the statement starts in.
  for (const redirect of redirs) walkRedirect(ctx, read, redirect, cwds);
  const outcome = walkCommand(ctx, read, cwds);
  return stmt.Background ? same(cwds) : stmt.Negated ? { ok: outcome.fail, fail: outcome.ok } : outcome;
}

function walkCommand(ctx: WalkContext, read: ReadStmt, cwds: Cwds): Outcome {
  const { stmt, cmd, type } = read;
  if (!cmd) return same(cwds);
  switch (type) {
    case 'CallExpr':
      return commandEffects(ctx, read, cmd, cwds);
    case 'BinaryCmd': {
      const x = cmd.X as ShStmt;
      const y = cmd.Y as ShStmt;
      if (cmd.Op === BINARY.pipe || cmd.Op === BINARY.pipeAll) {
        // bash runs each part of a pipe in a subshell: a `cd` there changes nothing after it. zsh
        // (and bash under `shopt -s lastpipe`) runs the last part in the shell itself, where it
        // stays: `true | cd .claude; echo > settings.json` writes .claude/settings.json.
        walkStmt(ctx, x, cwds);
        // zsh (MULTIOS) feeds the pipe and a heredoc both to the command after it.
        const last = walkStmt({ ...ctx, piped: true }, y, cwds);
        return { ok: unionCwds(cwds, last.ok), fail: unionCwds(cwds, last.fail) };
      }
      const left = walkStmt(ctx, x, cwds);
      if (cmd.Op === BINARY.and) {
        const right = walkStmt(ctx, y, left.ok);
        return { ok: right.ok, fail: unionCwds(left.fail, right.fail) };
      }
      const right = walkStmt(ctx, y, left.fail);
      return { ok: unionCwds(left.ok, right.ok), fail: right.fail };
    }
    case 'Subshell':
      walkSubshell(ctx, cmd.Stmts ?? [], cwds);
      return same(cwds);
    case 'Block':
      return walkStmts(ctx, cmd.Stmts ?? [], cwds);
    case 'IfClause':
      return walkIf(ctx, cmd, cwds);
    case 'WhileClause':
      return walkLoop(ctx, [...(cmd.Cond ?? []), ...(cmd.Do ?? [])], cwds, []);
    case 'ForClause':
      // `for PATH in /tmp/e`, `select CDPATH in …`: the loop assigns its variable, which keeps its
      // last value after the loop.
      hijackingAssignment(
        ctx,
        (cmd.Loop as { Name?: { Value?: string } } | undefined)?.Name?.Value,
        sourceOf(ctx, stmt as never),
      );
      return walkLoop(ctx, cmd.Do ?? [], cwds, [cmd.Loop]);
    case 'CaseClause': {
      walkNested(ctx, cmd.Word, cwds);
      let result: Outcome = same(cwds);
      for (const item of (cmd.Items ?? []) as { Patterns?: ShWord[]; Stmts?: ShStmt[] }[]) {
        for (const pattern of item.Patterns ?? []) walkNested(ctx, pattern, cwds);
        const branch = walkStmts(ctx, item.Stmts ?? [], cwds);
        result = { ok: unionCwds(result.ok, branch.ok), fail: unionCwds(result.fail, branch.fail) };
      }
      return result;
    }
    case 'FuncDecl': {
      // Read where it is defined, as if called there, and again where it is called (calls.ts):
      // `f() { rm models.py; }; cd core && f` removes core/models.py.
      const name = (cmd as { Name?: { Value?: string } }).Name?.Value;
      if (name) ctx.functions.add(name);
      if (name && cmd.Body) ctx.functionBodies.set(name, cmd.Body);
      const after = cmd.Body ? walkStmt(ctx, cmd.Body, cwds) : same(cwds);
      // One the shell calls by itself (zsh's TRAPDEBUG before each command) may run before any
      // later command: a cd in it leaves every later folder unknown, as a trap's does.
      if (name && SHELL_CALLS_FUNCTION.test(name) && !staysIn(after, cwds)) return same(undefined);
      return same(cwds);
    }
    case 'TimeClause':
    case 'CoprocClause':
      return cmd.Stmt ? walkStmt(ctx, cmd.Stmt, cwds) : same(cwds);
    case 'TestClause':
    case 'ArithmCmd':
    case 'LetClause':
    case 'DeclClause':
      // Tests, arithmetic and declarations write no file; what they expand may run commands,
      // and `export PATH=…` changes what later names run (assignment-marks.ts).
      if (type === 'DeclClause')
        declaration(ctx, (cmd.Args ?? []) as ShAssign[], sourceOf(ctx, stmt as never));
      else if (type !== 'TestClause' || /\s-(eq|ne|lt|le|gt|ge|v)\s/.test(sourceOf(ctx, stmt as never)))
        ctx.marks.arithmetic = true;
      walkNested(ctx, cmd, cwds);
      return same(cwds);
    default:
      addUnknown(
        ctx,
        sourceOf(ctx, stmt as never),
        `a ${type} statement is not read by Slipway`,
        'runs-code',
      );
      return same(cwds);
  }
}

function walkIf(ctx: WalkContext, clause: ShNode, cwds: Cwds): Outcome {
  const cond = walkStmts(ctx, clause.Cond ?? [], cwds);
  const then = walkStmts(ctx, clause.Then ?? [], cond.ok);
  const rest = clause.Else;
  const otherwise: Outcome = !rest
    ? same(cond.fail)
    : (rest.Cond ?? []).length > 0
      ? walkIf(ctx, rest, cond.fail)
      : walkStmts(ctx, rest.Then ?? [], cond.fail);
  return { ok: unionCwds(then.ok, otherwise.ok), fail: unionCwds(then.fail, otherwise.fail) };
}

/** A loop's body may run many times: a `cd` in it leaves the directory unknown, inside and after. */
function walkLoop(ctx: WalkContext, body: readonly ShStmt[], cwds: Cwds, headers: unknown[]): Outcome {
  for (const header of headers) walkNested(ctx, header, cwds);
  const once = walkStmts(ctx, body, cwds);
  if (staysIn(once, cwds)) return same(cwds);
  walkStmts(ctx, body, undefined);
  return same(undefined);
}

/** Commands inside a word or an expression (`$( … )`, `` ` … ` ``, `<( … )`), each in a subshell. */
export function walkNested(ctx: WalkContext, node: unknown, cwds: Cwds): void {
  if (!node) return;
  // A word of literal parts holds no command: skip the walk, which costs a conversion per node.
  if (nodeType(node) === 'Word' && plainWord(node as ShWord)) return;
  walkNodes(node, (n) => {
    const type = nodeType(n);
    // `$(( x ))`, `${a[$i]}`: arithmetic, where text holding `$( … )` runs (arithmetic-code.ts).
    if (type === 'ArithmExp' || (type === 'ParamExp' && (n as { Index?: unknown }).Index))
      ctx.marks.arithmetic = true;
    if (type === 'SglQuoted' && CODE_TEXT.test((n as { Value?: string }).Value ?? ''))
      ctx.marks.codeText = true;
    if (type === 'ExtGlob') zshGlobQualifiers(ctx, n);
    // `: ${CDPATH:=.github}` assigns CDPATH when it is unset, as `CDPATH=.github` would.
    const param = n as { Exp?: { Op?: number }; Param?: { Value?: string } };
    if (type === 'ParamExp' && PARAM_ASSIGN.has(param.Exp?.Op ?? -1))
      hijackingAssignment(ctx, param.Param?.Value, sourceOf(ctx, n as never));
    if (type !== 'CmdSubst' && type !== 'ProcSubst') return true;
    walkSubshell(ctx, n.Stmts ?? [], cwds);
    return false;
  });
}

const WRITES: Record<number, string> = {
  [REDIR.out]: 'redirect >',
  [REDIR.append]: 'redirect >>',
  [REDIR.clobber]: 'redirect >|',
  [REDIR.all]: 'redirect &>',
  [REDIR.appendAll]: 'redirect &>>',
  [REDIR.readWrite]: 'redirect <>',
  [REDIR.dupOut]: 'redirect >&',
};

function walkRedirect(ctx: WalkContext, read: ReadStmt, redirect: ShRedirect, cwds: Cwds): void {
  const stmt = read.stmt;
  walkNested(ctx, redirect.Word, cwds);
  // An unquoted heredoc's body expands: `$(…)` in it runs.
  if (redirect.Hdoc) walkNested(ctx, redirect.Hdoc, cwds);
  if (isZshNumericGlob(ctx, redirect))
    addUnknown(
      ctx,
      sourceOf(ctx, read.stmt as never),
      'zsh reads <N-M> as a numeric glob naming files, not as redirections',
      'targets',
    );
  const how = WRITES[redirect.Op];
  if (!how || !redirect.Word) return;
  const target = argOf(ctx, redirect.Word);
  // `>&2`, `2>&1`, `>&-`: a descriptor, not a file (`>& file` with no number is `&> file`).
  if (redirect.Op === REDIR.dupOut && target.value.static && /^(\d+|-)$/.test(target.value.text)) return;
  if (redirect.Op === REDIR.dupOut && redirect.N) return;
  const content = redirectContent(read, redirect, ctx.piped === true);
  // An append's text is the file's and this (and a loop appends it again): unknown.
  const appends = redirect.Op === REDIR.append || redirect.Op === REDIR.appendAll;
  const label = content?.heredoc ? `heredoc ${appends ? '>>' : '>'}` : how;
  const what = sourceOf(ctx, stmt as never);
  const extra = content && !appends ? { content: content.text } : {};
  addWrite(ctx, cwds, target, label, what, extra);
  const zsh = zshClobberTarget(ctx, redirect.Word, read.words);
  if (zsh === 'not found') addUnknown(ctx, what, "zsh's >! writes the word after it", 'targets');
  else if (zsh) addWrite(ctx, cwds, zsh, `${label}!`, what, extra);
}
