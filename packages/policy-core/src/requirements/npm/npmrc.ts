/**
 * The registry lines of an .npmrc (npm, pnpm and Yarn classic read it): `registry=<url>` and
 * `@scope:registry=<url>`, as npm's ini reader takes them (`key = value`, `#`/`;` comments,
 * quotes around the value). Other settings (`save-exact=true`, auth tokens) are not registry lines.
 */
export interface NpmrcRegistry {
  /** `registry` or `@scope:registry`. */
  key: string;
  url: string;
  /** Offsets of the whole line in the file. */
  start: number;
  end: number;
}

export function readNpmrcRegistries(text: string): NpmrcRegistry[] {
  return registryLines(text, (line) => {
    const m = line.match(/^\s*((?:@[^\s:=]+:)?registry)\s*=\s*(.*?)\s*$/i);
    return m
      ? { key: (m[1] as string).toLowerCase(), url: (m[2] as string).replace(/^(["'])(.*)\1$/, '$2') }
      : undefined;
  });
}

/**
 * The registry lines of a line-per-setting file (.npmrc, Yarn 1's .yarnrc): `read` says what a line
 * (its `\r` dropped) sets, if it sets a registry; each is placed at its whole line.
 */
export function registryLines(
  text: string,
  read: (line: string) => { key: string; url: string } | undefined,
): NpmrcRegistry[] {
  const out: NpmrcRegistry[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    const found = read(line);
    if (found) out.push({ ...found, start, end: start + line.length });
    start = end + 1;
  }
  return out;
}

/** Whether a registry URL is under one of the allowed prefixes (a missing trailing slash allowed). */
export function underRegistries(url: string, allowed: readonly string[]): boolean {
  const u = url.endsWith('/') ? url : `${url}/`;
  return allowed.some((r) => u.startsWith(r.endsWith('/') ? r : `${r}/`));
}
