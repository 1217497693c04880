/**
 * For each path, the value computed from its latest text, computed again only when the text
 * changes: a file asked about again (by a second reader, or the editor's next check) costs one
 * string comparison.
 */
export class LastByText<T> {
  readonly #last = new Map<string, { text: string; value: T }>();

  /** `compute(text)`, or the value it gave for this path's text last time. */
  get(path: string, text: string, compute: (text: string) => T): T {
    const hit = this.#last.get(path);
    if (hit && hit.text === text) return hit.value;
    const value = compute(text);
    this.#last.set(path, { text, value });
    return value;
  }
}
