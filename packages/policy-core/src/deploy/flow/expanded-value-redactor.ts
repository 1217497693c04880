/** One `${NAME}` of the policy and the value the environment gave it. */
export interface ExpandedValue {
  name: string;
  value: string;
}

/**
 * Values shorter than this are not searched for in free text (a command's own output, a
 * server's error): a `${PORT}` of "8080" or a flag of "1" would turn every such number in the
 * output into a name. They are still never printed where Slipway builds the text itself (a
 * health URL prints as the policy wrote it, see Secret), whatever their length. A real secret
 * (a token, a password, a key) is longer than this.
 */
export const MIN_SEARCHED_SECRET_LENGTH = 6;

/**
 * A redactor for text that may quote an expanded value without Slipway having built it: every
 * value of at least MIN_SEARCHED_SECRET_LENGTH characters, and the forms it takes on its way
 * through a URL or a header, becomes its `${NAME}`. Longest forms first, so that a value holding
 * another is replaced whole.
 */
export function expandedValueRedactor(values: readonly ExpandedValue[]): (text: string) => string {
  const pairs = new Map<string, string>();
  for (const { name, value } of values) {
    if (value.length < MIN_SEARCHED_SECRET_LENGTH) continue;
    for (const form of secretForms(value)) if (!pairs.has(form)) pairs.set(form, `\${${name}}`);
  }
  const ordered = [...pairs].sort((a, b) => b[0].length - a[0].length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const [form, name] of ordered) if (out.includes(form)) out = out.split(form).join(name);
    return out;
  };
}

/**
 * The ways `value` can appear in text: as it is, percent-encoded as each part of a URL encodes
 * it (userinfo, path, query, fragment, form encoding; upper and lower case hex), lower-cased (a
 * host name), inside base64 (a Basic `Authorization` header: `user:password` puts the value at
 * any of three byte offsets), and, when the value is itself a URL, its password, host and query
 * values on their own.
 */
export function secretForms(value: string): Set<string> {
  const out = new Set<string>();
  const add = (s: string | undefined) => {
    if (s === undefined || s.length < MIN_SEARCHED_SECRET_LENGTH) return;
    out.add(s);
    out.add(s.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
  };
  const encodings = (v: string) => {
    add(v);
    add(v.toLowerCase());
    add(encodeURIComponent(v));
    add(encodeURI(v));
    add(new URLSearchParams({ v }).toString().slice(2));
    const u = new URL('http://h/');
    u.password = v;
    add(u.password);
    u.pathname = `/${v}`;
    add(u.pathname.slice(1));
    u.search = v;
    add(u.search.slice(1));
    u.hash = v;
    add(u.hash.slice(1));
    for (const core of base64Cores(v)) add(core);
  };
  encodings(value);
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url) {
    // Without the slash a URL gains after its host, so that `${NAME}/path` keeps its slash.
    add(value.endsWith('/') ? url.href : url.href.replace(/\/$/, ''));
    add(url.host);
    for (const part of [url.password, url.username]) if (part) encodings(decodeURIComponent(part));
    for (const v of url.searchParams.values()) encodings(v);
  }
  return out;
}

/**
 * The base64 characters that depend only on `value`'s bytes, for each of the three offsets the
 * value can start at inside a longer encoded text, in standard and URL-safe alphabets.
 */
function base64Cores(value: string): string[] {
  const bytes = new TextEncoder().encode(value);
  const cores: string[] = [];
  for (let k = 0; k < 3; k++) {
    const padded = new Uint8Array(k + bytes.length);
    padded.set(bytes, k);
    let binary = '';
    for (const b of padded) binary += String.fromCharCode(b);
    const encoded = btoa(binary);
    // Character i covers bits [6i, 6i + 6): keep those wholly inside the value's bits.
    const core = encoded.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6));
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}
