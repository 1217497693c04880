/** How the applied-history notes count and list migrations (applied-history.ts, applied-through-commit.ts). */

/** `1 migration`, `3 migrations`. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The paths joined, at most `most` of them and a count of the rest: a note never lists hundreds. */
export function listed(paths: readonly string[], most = 5): string {
  return paths.length <= most
    ? paths.join(', ')
    : `${paths.slice(0, most).join(', ')} and ${paths.length - most} more`;
}
