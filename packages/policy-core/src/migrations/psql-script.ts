/**
 * A `.sql` file as psql runs it (`migrations.sql_runner: plain`). psql reads a backslash outside
 * quotes, quoted names, comments and dollar quotes as a meta-command that runs to the end of the
 * line (or to `\\`), and replaces `:name`, `:'name'` and `:"name"` with the value `\set` gave the
 * variable. PostgreSQL's parser knows neither: a meta-command line would make the statement after
 * it unreadable (and a DROP there unjudged). This reads the file as psql does, in the order it
 * does: each meta-command is taken out (a `;` where it sends the query buffer), each variable
 * set earlier in the file is put in, and `offsetAt` maps the SQL back to the file's own offsets.
 */

export interface PsqlMeta {
  /** Offsets in the file: the backslash, and the end of the command's arguments. */
  start: number;
  end: number;
  /** The command without its backslash: `i`, `ir`, `gexec`, `copy`, `set`. */
  name: string;
  /** Its arguments as written, trimmed. */
  args: string;
}

export interface PsqlScript {
  /** The SQL PostgreSQL receives: meta-commands out, known variables in. */
  sql: string;
  /** File offset of SQL character i. */
  offsetAt: (i: number) => number;
  metas: PsqlMeta[];
}

/** Meta-commands that send the query buffer as it is: the statement ends there. */
const SENDS_BUFFER = /^(g|gx|gexec|gset|gdesc|watch|crosstabview)$/;

interface Piece {
  /** Offset in the SQL, in the file, and the length copied verbatim (0: a substituted value). */
  out: number;
  src: number;
  exact: boolean;
}

/** undefined when the file has no backslash and no colon outside quotes: the SQL is the file. */
export function psqlScript(text: string): PsqlScript | undefined {
  if (!text.includes('\\') && !text.includes(':')) return undefined;
  const vars = new Map<string, string>();
  const metas: PsqlMeta[] = [];
  const pieces: Piece[] = [];
  let out = '';
  let copied = 0;
  const copyTo = (to: number) => {
    if (to > copied) {
      pieces.push({ out: out.length, src: copied, exact: true });
      out += text.slice(copied, to);
    }
    copied = to;
  };
  const put = (at: number, value: string, srcEnd: number) => {
    copyTo(at);
    pieces.push({ out: out.length, src: at, exact: false });
    out += value;
    copied = srcEnd;
  };
  let substituted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "'") i = quoteEnd(text, i, "'", isEscapeString(text, i));
    else if (c === '"') i = quoteEnd(text, i, '"', false);
    else if (c === '-' && next === '-') i = lineEnd(text, i);
    else if (c === '/' && next === '*') i = commentEnd(text, i);
    else if (c === '$' && dollarTag(text, i) !== undefined) {
      const tag = dollarTag(text, i) as string;
      const close = text.indexOf(tag, i + tag.length);
      i = close === -1 ? text.length : close + tag.length;
    } else if (c === ':' && next === ':') i += 2;
    else if (c === ':') {
      const ref = /^:(?:'([A-Za-z0-9_]+)'|"([A-Za-z0-9_]+)"|([A-Za-z0-9_]+))/.exec(text.slice(i, i + 200));
      const name = ref?.[1] ?? ref?.[2] ?? ref?.[3];
      const value = name === undefined ? undefined : vars.get(name);
      if (ref && value !== undefined) {
        const quoted =
          ref[1] !== undefined
            ? `'${value.replaceAll("'", "''")}'`
            : ref[2] !== undefined
              ? `"${value.replaceAll('"', '""')}"`
              : value;
        put(i, quoted, i + ref[0].length);
        substituted = true;
        i += ref[0].length;
      } else i += ref ? ref[0].length : 1;
    } else if (c === '\\' && (next === ';' || next === ':')) {
      // psql's lexer puts a plain `;` or `:` in the query buffer for `\;` and `\:`; the line
      // goes on as SQL (`SELECT 1 \; DROP TABLE users;` sends both statements at the end).
      put(i, next, i + 2);
      substituted = true;
      i += 2;
    } else if (c === '\\') {
      const meta = readMeta(text, i);
      metas.push(meta);
      // The line's text stays a line: the command becomes spaces, or a `;` where it sends.
      put(i, SENDS_BUFFER.test(meta.name) ? ';' : '', meta.end);
      if (meta.name === 'set') setVariable(vars, meta.args);
      else if (meta.name === 'unset') vars.delete(meta.args.split(/\s+/)[0] ?? '');
      i = meta.end;
    } else i++;
  }
  if (metas.length === 0 && !substituted) return undefined;
  copyTo(text.length);
  return { sql: out, offsetAt: offsetMap(pieces, text.length), metas };
}

/** The file offset of each SQL offset: exact inside a copied run, the reference's start inside a value. */
function offsetMap(pieces: readonly Piece[], textLength: number): (i: number) => number {
  return (i) => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((pieces[mid] as Piece).out <= i) lo = mid;
      else hi = mid - 1;
    }
    const p = pieces[lo];
    if (!p) return Math.min(i, textLength);
    return Math.min(p.exact ? p.src + (i - p.out) : p.src, textLength);
  };
}

/** `\name args` up to the end of the line or a `\\` separator. */
function readMeta(text: string, at: number): PsqlMeta {
  // A run of letters (`\gexec`), or one other character (`\!`, `\?`), as psql reads a command's name.
  const name = /^\\([A-Za-z_]+|[^A-Za-z_\s]?)/.exec(text.slice(at, at + 64))?.[1] ?? '';
  let end = text.indexOf('\n', at);
  if (end === -1) end = text.length;
  const sep = text.indexOf('\\\\', at + 1 + name.length);
  if (sep !== -1 && sep < end) end = sep + 2;
  const args = text
    .slice(at + 1 + name.length, end)
    .replace(/\\\\$/, '')
    .trim();
  return { start: at, end, name, args };
}

/** `\set name value...`: psql joins the values; a backquoted one is a shell command's output (unknown). */
function setVariable(vars: Map<string, string>, args: string): void {
  const m = /^([A-Za-z0-9_]+)\s*([\s\S]*)$/.exec(args);
  if (!m) return;
  const name = m[1] as string;
  const rest = m[2] as string;
  if (rest.includes('`')) {
    vars.delete(name);
    return;
  }
  let value = '';
  for (const part of rest.match(/'(?:[^']|'')*'|\S+/g) ?? [])
    value += part.startsWith("'") ? part.slice(1, -1).replaceAll("''", "'") : part;
  vars.set(name, value);
}

function isEscapeString(text: string, quote: number): boolean {
  const before = text[quote - 1];
  return (before === 'E' || before === 'e') && !/[A-Za-z0-9_]/.test(text[quote - 2] ?? '');
}

/** Just past the closing quote (`''` and, in E'', a backslash escape stay inside). */
function quoteEnd(text: string, at: number, quote: string, backslash: boolean): number {
  let i = at + 1;
  while (i < text.length) {
    const c = text[i];
    if (backslash && c === '\\') i += 2;
    else if (c === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl;
}

/** Just past a block comment, nested ones included. */
function commentEnd(text: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < text.length) {
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return text.length;
}

/** `$tag$` (or `$$`) opening a dollar quote at `at`; undefined for `$1` or a `$` inside a name. */
function dollarTag(text: string, at: number): string | undefined {
  if (/[A-Za-z0-9_]/.test(text[at - 1] ?? '')) return undefined;
  const m = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(at, at + 64));
  return m?.[0];
}
