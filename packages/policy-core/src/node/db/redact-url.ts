/**
 * Passwords never reach output: every URL printed or written goes through `redactUrl`, and every
 * error message through `scrubSecrets`, which also removes the raw password should a driver
 * echo it.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) {
      if (/^(password|passwd|pwd|sslpassword)$/i.test(key)) u.searchParams.set(key, '***');
    }
    return u.toString();
  } catch {
    // Not a WHATWG URL (e.g. a bad port): redact the userinfo and password parameters by hand.
    return url.replace(/(\/\/[^/@:]*):[^@/]*@/, '$1:***@').replace(/(password=)[^&\s]*/gi, '$1***');
  }
}

/** Passwords contained in `url` (userinfo and `password=` parameters), decoded and raw. */
export function urlSecrets(url: string): string[] {
  const out = new Set<string>();
  const m = /\/\/[^/@:]*:([^@/]*)@/.exec(url);
  if (m?.[1]) out.add(m[1]);
  for (const p of url.matchAll(/password=([^&\s]*)/gi)) if (p[1]) out.add(p[1]);
  for (const s of [...out]) {
    try {
      out.add(decodeURIComponent(s));
    } catch {
      // keep the raw form only
    }
  }
  return [...out].filter((s) => s.length > 0);
}

/** Replaces every occurrence of the URL's password(s) in `text` with `***`. */
export function scrubSecrets(text: string, url: string): string {
  let out = text;
  for (const secret of urlSecrets(url)) out = out.split(secret).join('***');
  return out;
}
