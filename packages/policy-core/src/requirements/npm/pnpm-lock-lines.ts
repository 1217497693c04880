/**
 * pnpm-lock.yaml as pnpm writes it, read line by line: the YAML library takes seconds on a lock
 * of 5,000 packages (it builds a document with a node per scalar), and pnpm writes one regular
 * subset of YAML: block mappings indented by two, keys plain or quoted, values plain, quoted, or
 * a one-line flow mapping or sequence of scalars. This reader takes that subset and returns the
 * value the YAML library would; on any line outside it (a comment, an anchor, an alias, a tab,
 * a block scalar, a duplicate key, a nested flow collection, a scalar YAML reads as something
 * other than a string or simple number) it gives up, and the caller reads the text with the
 * YAML library, which then says what is wrong and where. A test compares the two on real locks.
 */
export function readPnpmLockLines(text: string): Record<string, unknown> | undefined {
  const root: Record<string, unknown> = {};
  // Open mappings by indent: stack[i] is the mapping whose keys sit at indent 2 * i.
  const stack: Record<string, unknown>[] = [root];
  let pendingKey: string | undefined;
  let pendingIn: Record<string, unknown> | undefined;
  // A block sequence of scalars (`transitivePeerDependencies:` then `- kerberos` lines), and its items' indent.
  let seq: unknown[] | undefined;
  let seqIndent = -1;
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = n;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length) continue;
    if (indent % 2 !== 0) return undefined;
    const depth = indent / 2;
    const item = line.startsWith('- ', indent);
    if (item && seq && indent === seqIndent) {
      const v = readValue(line.slice(indent + 2));
      if (v === FAIL || typeof v === 'object') return undefined;
      seq.push(v);
      continue;
    }
    seq = undefined;
    if (item) {
      // Only right under a key with no value: `key:` then its items one level deeper.
      if (pendingKey === undefined || !pendingIn || depth !== stack.length) return undefined;
      seq = [];
      seqIndent = indent;
      pendingIn[pendingKey] = seq;
      pendingKey = undefined;
      pendingIn = undefined;
      const v = readValue(line.slice(indent + 2));
      if (v === FAIL || typeof v === 'object') return undefined;
      seq.push(v);
      continue;
    }
    if (pendingKey !== undefined && pendingIn) {
      // The key before opened a mapping iff this line is one level deeper; else it was empty (null).
      if (depth === stack.length) {
        const child: Record<string, unknown> = {};
        pendingIn[pendingKey] = child;
        stack.push(child);
      } else pendingIn[pendingKey] = null;
      pendingKey = undefined;
      pendingIn = undefined;
    }
    if (depth >= stack.length) return undefined;
    stack.length = depth + 1;
    const map = stack[depth] as Record<string, unknown>;
    const entry = keyAndRest(line, indent);
    if (!entry || Object.hasOwn(map, entry.key) || entry.key === '__proto__') return undefined;
    if (entry.rest === '') {
      pendingKey = entry.key;
      pendingIn = map;
      map[entry.key] = null;
      continue;
    }
    const value = readValue(entry.rest);
    if (value === FAIL) return undefined;
    map[entry.key] = value;
  }
  if (pendingKey !== undefined && pendingIn) pendingIn[pendingKey] = null;
  return root;
}

const FAIL = Symbol('outside the subset');

/** `key:` or `key: rest`, the key plain or quoted. */
function keyAndRest(line: string, indent: number): { key: string; rest: string } | undefined {
  const c = line[indent];
  let key: string | undefined;
  let i: number;
  if (c === "'" || c === '"') {
    const q = quoted(line, indent);
    if (!q) return undefined;
    key = q.value;
    i = q.end;
  } else {
    i = line.indexOf(':', indent);
    if (i === -1) return undefined;
    key = line.slice(indent, i);
    const k = key.charCodeAt(0);
    // Most keys start with a lower-case letter or a digit and hold no `#`: no regex needed for them.
    if (!(((k >= 97 && k <= 122) || (k >= 48 && k <= 57)) && !key.includes('#')) && !PLAIN_KEY.test(key))
      return undefined;
  }
  if (line[i] !== ':') return undefined;
  if (i + 1 === line.length) return { key, rest: '' };
  if (line[i + 1] !== ' ') return undefined;
  return { key, rest: line.slice(i + 2) };
}

/** A plain key pnpm writes: no indicator first, no `#`, no `: ` (the colon search ends it). */
const PLAIN_KEY = /^[^\s'"{}[\],&*!|>%@`#?:-][^#]*$|^@[^\s#]*$|^-[^\s#]+$/;

function quoted(s: string, at: number): { value: string; end: number } | undefined {
  const q = s[at];
  if (q === "'") {
    let out = '';
    let i = at + 1;
    for (;;) {
      const j = s.indexOf("'", i);
      if (j === -1) return undefined;
      out += s.slice(i, j);
      if (s[j + 1] === "'") {
        out += "'";
        i = j + 2;
        continue;
      }
      return { value: out, end: j + 1 };
    }
  }
  // Double quotes: only without escapes (pnpm writes none); else the YAML library reads it.
  const j = s.indexOf('"', at + 1);
  if (j === -1) return undefined;
  const body = s.slice(at + 1, j);
  if (body.includes('\\')) return undefined;
  return { value: body, end: j + 1 };
}

function readValue(rest: string): unknown {
  const c = rest[0];
  if (c === "'" || c === '"') {
    const q = quoted(rest, 0);
    return q && q.end === rest.length ? q.value : FAIL;
  }
  if (c === '{') return flow(rest, '{', '}');
  if (c === '[') return flow(rest, '[', ']');
  return plain(rest);
}

/** A plain scalar as YAML's core schema reads it, or FAIL where it would read a type pnpm never writes. */
function plain(s: string): unknown {
  const c = s.charCodeAt(0);
  // A lower-case letter other than the first of true, false, null: a string unless ` #` or `: ` is in it.
  if (c >= 97 && c <= 122 && c !== 116 && c !== 102 && c !== 110)
    return s.includes(' #') || s.includes(': ') ? FAIL : s;
  if (s === '' || /^[&*!|>%@`#,\]}?-]\s|^[&*!|>%@`#]/.test(s) || s.includes(' #') || s.includes(': '))
    return FAIL;
  if (s === 'true' || s === 'false') return s === 'true';
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  // Anything else YAML's core schema reads as a number, boolean or null: not what pnpm writes.
  if (CORE_NOT_STRING.test(s)) return FAIL;
  return s;
}

const CORE_NOT_STRING =
  /^(?:[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?|0o[0-7]+|0x[\dA-Fa-f]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|True|TRUE|false|False|FALSE|null|Null|NULL|~)$/;

/** A one-line flow mapping or sequence of scalars (`{integrity: sha512-…, tarball: https://…}`, `[darwin]`). */
function flow(s: string, open: string, close: string): unknown {
  if (s[s.length - 1] !== close) return FAIL;
  const body = s.slice(1, -1).trim();
  const isMap = open === '{';
  const out: Record<string, unknown> | unknown[] = isMap ? {} : [];
  if (body === '') return out;
  const hasQuote = body.includes("'");
  if (/[{}[\]]/.test(hasQuote ? body.replace(/'[^']*'/g, '') : body)) return FAIL;
  for (const part of hasQuote ? splitTop(body) : body.split(',')) {
    if (part === undefined) return FAIL;
    if (isMap) {
      const colon =
        part.indexOf(': ') === -1 ? (part.endsWith(':') ? part.length - 1 : -1) : part.indexOf(': ');
      if (colon <= 0) return FAIL;
      const k = part.slice(0, colon).trim();
      const v = readValue(part.slice(colon + 1).trim());
      if (v === FAIL || Object.hasOwn(out, k) || !/^[A-Za-z][\w-]*$/.test(k)) return FAIL;
      (out as Record<string, unknown>)[k] = v;
    } else {
      const v = readValue(part.trim());
      if (v === FAIL) return FAIL;
      (out as unknown[]).push(v);
    }
  }
  return out;
}

/** Splits at commas outside single quotes; an unclosed quote gives undefined. */
function splitTop(body: string): (string | undefined)[] {
  const parts: (string | undefined)[] = [];
  let cur = '';
  let inQuote = false;
  for (const ch of body) {
    if (ch === "'") inQuote = !inQuote;
    if (ch === ',' && !inQuote) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(inQuote ? undefined : cur);
  return parts;
}
