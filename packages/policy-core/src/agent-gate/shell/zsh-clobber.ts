import type { Arg, WalkContext } from './context.js';
import { argOf } from './context.js';
import type { ShWord } from './sh-ast.js';
import { rawParts, rawType, wordSpan } from './word-value.js';

/**
 * zsh's clobbering redirections, `>!`, `>>!`, `&>!`, `>&!` (the agents' shell on a Mac): the file
 * is what follows the `!` glued to the operator, the rest of the word or, for a `!` alone, the
 * next word. bash's parser reads `echo x >! AGENTS.md` as a write to a file named `!` with
 * AGENTS.md an argument, where zsh writes AGENTS.md. The file zsh writes, when the target starts with an unquoted `!`; undefined
 * for any other target, or `'not found'` when a `!` alone has no word after it this reader can see.
 */
export function zshClobberTarget(
  ctx: WalkContext,
  target: ShWord,
  words: readonly ShWord[],
): Arg | 'not found' | undefined {
  const first = rawParts(target)?.[0];
  if (!first || rawType(first) !== 'Lit' || !first.Value?.startsWith('!')) return undefined;
  // Only glued to the operator: `> !x` is a file named `!x` to zsh too.
  const start = wordSpan(target)?.[0];
  const before = start === undefined ? undefined : ctx.bytes[start - 1];
  if (before !== 0x3e && before !== 0x26) return undefined;
  const arg = argOf(ctx, target);
  const value = arg.value;
  // `>!$f`: which file, a variable decides (addWrite makes it unknown).
  if (!value.static) return arg;
  if (value.text !== '!')
    return { ...arg, value: { ...value, text: value.text.slice(1), glob: value.glob.replace(/^\\?!/, '') } };
  const end = wordSpan(target)?.[1];
  const next = end === undefined ? undefined : words.find((w) => (wordSpan(w)?.[0] ?? -1) >= end);
  return next ? argOf(ctx, next) : 'not found';
}
