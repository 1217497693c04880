import { CODE_TEXT } from './arithmetic-code.js';
import type { WalkContext } from './context.js';
import { addUnknown } from './context.js';
import { hijackingAssignment } from './hijack.js';
import { nodeType, walkNodes } from './parse-shell.js';
import type { ShAssign } from './sh-ast.js';
import { literalText, wordValue } from './word-value.js';

/**
 * What an assignment adds to the command's marks (arithmetic-code.ts): a value holding `$(` as
 * text (`x='a[$(rm f)]'`), and a subscript, which bash evaluates as arithmetic
 * (`a['$(rm f)']=1` runs it).
 */
export function markAssignment(ctx: WalkContext, a: ShAssign): void {
  if (a.Index) {
    ctx.marks.arithmetic = true;
    walkNodes(a.Index, (n) => {
      if (nodeType(n) === 'SglQuoted' && CODE_TEXT.test((n as { Value?: string }).Value ?? ''))
        ctx.marks.codeText = true;
      return true;
    });
  }
  const v = a.Value ? wordValue(a.Value) : undefined;
  if (v?.static && CODE_TEXT.test(v.text)) ctx.marks.codeText = true;
}

/**
 * A declaration (`declare`, `typeset`, `local`, `export`, `readonly`): each variable it sets, as an
 * assignment (`export PATH=…` changes what later names run); `-n` makes a name a reference, so a
 * later plain assignment sets the variable it names (`declare -n p=PATH; p=/x`): put to a
 * person. Its values are evaluated as arithmetic under `-i`, and its subscripts always.
 */
export function declaration(ctx: WalkContext, args: readonly ShAssign[], what: string): void {
  ctx.marks.arithmetic = true;
  for (const a of args) {
    const option = a.Naked && !a.Name && a.Value ? literalText(a.Value) : undefined;
    if (a.Naked && !a.Name && option === undefined)
      addUnknown(
        ctx,
        what,
        'a declaration option only the shell knows may make a reference (-n)',
        'runs-code',
      );
    if (option !== undefined && /^-[a-zA-Z]*n/.test(option))
      addUnknown(
        ctx,
        what,
        'declare -n makes a name a reference: assigning it sets the variable it names',
        'runs-code',
      );
    hijackingAssignment(ctx, a.Name?.Value, what);
    markAssignment(ctx, a);
  }
}
