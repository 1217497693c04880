/** A tag pattern: `*` matches any run of characters (tags like release/1.2 included), `?` one. */
export function tagMatches(tag: string, pattern: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(tag);
}
