/**
 * A value built from the policy's `${VAR}`s (a health URL), which prints as the policy wrote it.
 *
 * Every value expanded from the environment is treated as a secret: the policy may put a key in
 * a query string or a password in a URL, and what Slipway prints ends up in a terminal, a CI log,
 * `--format json`, an editor's output panel, and (worst) the audit log, which is committed,
 * hash-chained and can never be scrubbed. So the expanded text never travels as a plain string:
 * it lives in a private field, and every way of turning a `Secret` into text (a template literal,
 * `String()`, `JSON.stringify`, `console.log`/`util.inspect`) gives `display`, the text with
 * `${NAME}` where each value went. A writer that forgets about secrets prints the name, not the
 * value; only `reveal()`, called where the request is made, gives the value. That is why this is a
 * type and not a `redact()` every writer must remember to call.
 *
 * Text someone else derives from the value (a server's redirect to a URL that still carries it,
 * an HTTP client's error quoting it) is plain text again: `scrub` takes it back to names, and the
 * one function that uses `reveal()` passes everything it returns through `scrub`.
 */
export class Secret {
  readonly #value: string;
  readonly #scrub: (text: string) => string;
  /** The text as the policy wrote it: `${NAME}` in place of every expanded value. */
  readonly display: string;

  constructor(value: string, display: string, scrub: (text: string) => string = (t) => t) {
    this.#value = value;
    this.#scrub = scrub;
    this.display = display;
  }

  /** The real text, for the one place that uses it (the request); never for output. */
  reveal(): string {
    return this.#value;
  }

  /** `text` with every expanded value in it (and its encoded forms) written as its `${NAME}`. */
  scrub(text: string): string {
    return this.#scrub(text);
  }

  toString(): string {
    return this.display;
  }

  toJSON(): string {
    return this.display;
  }

  [Symbol.toPrimitive](): string {
    return this.display;
  }

  // What Node's console.log and util.inspect call (a registered symbol: no import of node:util).
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Secret(${this.display})`;
  }
}
