/**
 * Passwords never reach output: every URL printed or written goes through `redactUrl`, and every
 * error message through `scrubSecrets`, which also removes the raw password should a driver
 * echo it.
 *
 * Both work on the text's shape, not on a successful parse: a malformed value
 * (`postgresql:/user:pw@host`, `postgresql:user:pw@host`, a bad port, a key=value conninfo)
 * is exactly the one a person pastes into an error report, so it must be masked too.
 */

// Connection parameters that carry a secret, in URLs (`?password=`) and conninfo (`password=…`).
const SECRET_PARAM = /\b(password|passwd|pwd|sslpassword)(\s*=\s*)('(?:[^'\\]|\\.)*'|[^&\s]*)/gi;

/** Scheme and slashes (`postgresql://`, `postgresql:/`, `postgresql:`), however many slashes. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/*/;

/**
 * The userinfo password: after the scheme, everything between the first `:` and the last `@`.
 * The last `@`, because an unencoded password may itself hold `@`, `/` or `:`; over-masking a
 * user name is harmless, under-masking a password is not.
 */
function userinfoPassword(url: string): { start: number; end: number } | undefined {
  // A conninfo string (`host=… user=…`) has no userinfo; its `password=` is a parameter.
  if (/^\s*\w+\s*=/.test(url)) return undefined;
  const at = url.lastIndexOf('@');
  if (at < 0) return undefined;
  const scheme = SCHEME.exec(url)?.[0] ?? '';
  let colon = url.indexOf(':', scheme.length);
  if (colon >= at) colon = -1;
  // `user:pw@host` without a scheme: what looked like a scheme is the user name.
  if (colon < 0 && scheme.endsWith(':')) colon = url.indexOf(':');
  if (colon < 0) return undefined;
  return { start: colon + 1, end: at };
}

export function redactUrl(url: string): string {
  let out = url;
  const span = userinfoPassword(out);
  if (span && span.end > span.start) out = `${out.slice(0, span.start)}***${out.slice(span.end)}`;
  return out.replace(SECRET_PARAM, (_m, key: string, eq: string) => `${key}${eq}***`);
}

/** Passwords contained in `url` (userinfo and `password=` parameters), decoded and raw. */
export function urlSecrets(url: string): string[] {
  const out = new Set<string>();
  const span = userinfoPassword(url);
  if (span && span.end > span.start) out.add(url.slice(span.start, span.end));
  for (const p of url.matchAll(SECRET_PARAM)) {
    const value = p[3] ?? '';
    out.add(value);
    if (value.startsWith("'") && value.endsWith("'")) out.add(value.slice(1, -1));
  }
  for (const s of [...out]) {
    try {
      out.add(decodeURIComponent(s));
    } catch {
      // keep the raw form only
    }
  }
  return [...out].filter((s) => s.length > 0);
}

/** Replaces every occurrence of the URL's password(s) in `text` with `***`, longest first. */
export function scrubSecrets(text: string, url: string): string {
  let out = text;
  const secrets = urlSecrets(url).sort((a, b) => b.length - a.length);
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}
