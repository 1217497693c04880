import type { Page } from './code-server.js';

/**
 * What `expression` (JavaScript, evaluated in each frame) gives in whichever frame first gives a
 * value `found` accepts: what a webview (the Markdown preview) shows, read from its DOM.
 */
export async function webviewRead<T>(
  page: Page,
  expression: string,
  found: (value: T) => boolean,
  timeout = 120_000,
): Promise<T> {
  // Written as a string: the function runs in the frame, which the workspace compiles no DOM for.
  const read = new Function(`return ${expression}`) as () => T;
  const until = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      const value = await frame.evaluate(read).catch(() => undefined);
      if (value !== undefined && found(value)) return value;
    }
    if (Date.now() > until)
      throw new Error(`no frame gave what was awaited from ${expression} in ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The texts of the elements matching `selector`, in the frame whose elements first include `text`. */
export function webviewTexts(page: Page, selector: string, text: RegExp): Promise<string[]> {
  return webviewRead<string[]>(
    page,
    `[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.textContent ?? '')`,
    (texts) => texts.some((t) => text.test(t)),
  );
}
