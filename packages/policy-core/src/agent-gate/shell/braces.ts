import { braceExpand, unescape as unescapeGlob } from 'minimatch';
import type { Arg } from './context.js';

/**
 * A word's brace expansion, as bash makes it before anything else and whatever is on disk:
 * `f{,.bak}` is the two words `f` and `f.bak` (bash(1), "Brace Expansion"), so `mv f{,.bak}`
 * moves f, which read as one word left mv without a destination. Each word is a pattern again
 * only where a glob character remains (`{a,b}/*.sql`). A word with no brace list is itself.
 */
export function expandBraces(arg: Arg): Arg[] {
  const v = arg.value;
  if (!v.static || !v.pattern || v.notLiteral !== undefined || !/(?<!\\)\{/.test(v.glob)) return [arg];
  const globs = braceExpand(v.glob);
  if (globs.length <= 1) return [arg];
  return globs.map((expanded) => {
    // What is left of a brace is a literal character now (bash expands braces once).
    const glob = expanded.replace(/(?<!\\)[{}]/g, '\\$&');
    return {
      word: arg.word,
      value: {
        static: true,
        text: unescapeGlob(glob),
        glob,
        pattern: /(?<!\\)[*?]|(?<!\\)\[.*\]/.test(glob),
      },
      get source() {
        return arg.source;
      },
    };
  });
}
