import type { WalkContext } from './context.js';
import { REDIR, type ShRedirect } from './sh-ast.js';
import { wordSpan } from './word-value.js';

const LT = 0x3c;
const GT = 0x3e;

/**
 * zsh reads `<N-M>` (either number may be left out: `<->`) as a numeric glob, part of the word it
 * is glued to, never as redirections (lex.c isnumglob; the agents' shell on a Mac): `rm
 * db/00<1-9>_init.sql` removes db/001_init.sql … db/009_init.sql. bash's parser reads the same
 * text as input from a file `1-9` and output to `_init.sql`, and `rm db/00`: a deletion the gate
 * would not see. True for an input redirection whose word, a run of digits, a dash and digits,
 * sits between a `<` and a `>` with no space on either side.
 */
export function isZshNumericGlob(ctx: WalkContext, redirect: ShRedirect): boolean {
  if (redirect.Op !== REDIR.in || !redirect.Word) return false;
  const span = wordSpan(redirect.Word);
  if (!span) return false;
  const [start, end] = span;
  if (ctx.bytes[start - 1] !== LT || ctx.bytes[end] !== GT) return false;
  return /^[0-9]*-[0-9]*$/.test(new TextDecoder().decode(ctx.bytes.subarray(start, end)));
}
