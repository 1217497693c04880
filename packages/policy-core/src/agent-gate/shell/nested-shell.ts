import { LIMITS } from '../../limits.js';
import type { Arg, Cwds, Outcome, WalkContext } from './context.js';
import { addUnknown } from './context.js';
import { parseShellSync } from './parse-shell.js';

/**
 * Code handed to a shell as text (`bash -c '…'`, `eval "…"`, `trap '…' EXIT`): read as a
 * command of its own, in the same directory, when the text is static; unknown when it is not,
 * when it does not parse, or past `LIMITS.shell.nestedDepth` strings deep. Returns where the code
 * leaves the directory (eval's code runs in the shell itself), undefined when it was not read.
 */
export function nestedShell(
  ctx: WalkContext,
  code: readonly Arg[],
  cwds: Cwds,
  what: string,
  how: string,
): Outcome | undefined {
  if (code.some((a) => !a.value.static || a.value.pattern || a.value.notLiteral)) {
    addUnknown(ctx, what, `${how} runs code that is only known when the shell runs`, 'runs-code');
    return undefined;
  }
  if (ctx.depth >= LIMITS.shell.nestedDepth) {
    addUnknown(ctx, what, `${how} nests shell code more than ${LIMITS.shell.nestedDepth} deep`, 'runs-code');
    return undefined;
  }
  const text = code.map((a) => (a.value.static ? a.value.text : '')).join(' ');
  const parsed = parseShellSync(text);
  if (typeof parsed === 'string') {
    addUnknown(ctx, what, `${how} runs code Slipway cannot read: ${parsed}`, 'runs-code');
    return undefined;
  }
  const inner: WalkContext = { ...ctx, bytes: new TextEncoder().encode(text), depth: ctx.depth + 1 };
  return ctx.walkStmts(inner, parsed.Stmts, cwds);
}
