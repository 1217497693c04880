import type { WalkContext } from './context.js';
import { addUnknown, sourceOf } from './context.js';
import type { ShNode } from './sh-ast.js';

/**
 * zsh reads a glob's trailing parenthesised list as qualifiers (BARE_GLOB_QUAL, on by default; the
 * agents' shell on a Mac), and two of them run code for each file the glob matches: `e` and the
 * text up to the next of whatever character follows it (`*(e:'rm -f AGENTS.md':)`), and `+name`
 * (`*(+f)` calls f). bash's parser reads `*( … )` as an extglob group, a pattern of no consequence.
 * A group holding `|` is an alternation to zsh, never qualifiers: `@(a|b)` and `!(docs)` stay
 * patterns.
 */
export function zshGlobQualifiers(ctx: WalkContext, node: ShNode): void {
  const pattern = (node as { Pattern?: { Value?: string } }).Pattern?.Value ?? '';
  if (pattern.includes('|') || !/e.|\+/s.test(pattern)) return;
  addUnknown(
    ctx,
    sourceOf(ctx, node as never),
    "zsh reads a glob's (…) as qualifiers, where e:…: and +name run code",
    'runs-code',
  );
}
