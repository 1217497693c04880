import { Marked } from 'marked';

/**
 * What the reader of each format would see, judged by real readers: GitHub's runner's unescaping
 * of workflow commands, and a real Markdown renderer (marked, the renderer of VS Code's hovers,
 * with GitHub's tables, strikethrough and autolinks) for the Markdown formats.
 */

/** Any character a terminal, a log viewer or an editor would act on (a line feed is judged apart). */
export const CONTROL =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * What may not be in an annotation the runner made (its file or message): CONTROL but CR and LF,
 * which the runner's escaping carries as `%0D` and `%0A` (a file's name, a message's lines).
 */
export const ANNOTATION_CONTROL =
  /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * The runs of a text between its control characters: what must still be readable in any format's
 * output, however the format escapes the controls around them.
 */
export function visibleRuns(text: string): string[] {
  return text
    .split(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/)
    .filter(Boolean);
}

/** The runner's own unescaping of a workflow command's property and message (actions/runner ActionCommand). */
export const unescapeProperty = (s: string) =>
  s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
export const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

/** One workflow command line, read as the runner reads it. */
export function readCommand(line: string): { command: string; props: Record<string, string>; data: string } {
  const m = /^::([a-z-]+) ([^:]*)::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${JSON.stringify(line)}`);
  const props: Record<string, string> = {};
  for (const kv of (m[2] as string).split(',')) {
    const at = kv.indexOf('=');
    props[kv.slice(0, at)] = unescapeProperty(kv.slice(at + 1));
  }
  return { command: m[1] as string, props, data: unescapeData(m[3] as string) };
}

const marked = new Marked({ gfm: true, async: false });

export interface Rendered {
  html: string;
  /** Every tag the HTML holds, by name (`a`, `strong`, `!--` for a comment). */
  tags: Set<string>;
  /** The text a reader sees, entities decoded, zero-width spaces kept. */
  text: string;
  /**
   * The text GitHub looks for mentions and issue links in: outside code, pre and links (its
   * reference filters skip those).
   */
  prose: string;
  /** Each link: where it goes and what it says. */
  links: { href: string; text: string }[];
  /** The table's body rows, each a list of its cells' text. */
  rows: string[][];
}

const decode = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of some HTML as a reader sees it. */
export const textOf = (html: string) => decode(html.replace(/<[^>]*>/g, ''));

/** Markdown as a renderer draws it. */
export function render(markdown: string): Rendered {
  const html = marked.parse(markdown) as string;
  const tags = new Set(
    [...html.matchAll(/<(!--|\/?[a-zA-Z][a-zA-Z0-9]*)/g)].map((m) =>
      (m[1] as string).replace('/', '').toLowerCase(),
    ),
  );
  const links = [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map((m) => ({
    href: decode(m[1] as string),
    text: textOf(m[2] as string),
  }));
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...(r[1] as string).matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1] as string)),
  );
  const prose = textOf(html.replace(/<(code|pre|a)\b[^>]*>[\s\S]*?<\/\1>/g, ''));
  return { html, tags, text: textOf(html), prose, links, rows };
}

/** A mention (`@name`) or an issue link (`#123`) GitHub would make of the text a reader sees. */
export const GITHUB_REFERENCE = /(?:^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]|#\d/u;

/** A link that says something else than where it goes: an autolink shows its own address. */
export const deceptive = (links: Rendered['links']) =>
  links.filter((l) => l.text.replace(/\u200b/g, '') !== l.href.replace(/^mailto:/, ''));
