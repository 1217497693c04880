/**
 * For each path, a value that holds for one text of the file (its latest): a file asked about
 * again with the same text (by a second reader, or the editor's next check) costs one string
 * comparison; another text is a miss.
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

  /** The value kept for this path, when it was kept for this text. */
  peek(path: string, text: string): T | undefined {
    const hit = this.#last.get(path);
    return hit && hit.text === text ? hit.value : undefined;
  }

  set(path: string, text: string, value: T): void {
    this.#last.set(path, { text, value });
  }

  delete(path: string): void {
    this.#last.delete(path);
  }

  /** Forget every path but these. */
  keepOnly(paths: ReadonlySet<string>): void {
    for (const path of this.#last.keys()) if (!paths.has(path)) this.#last.delete(path);
  }
}
