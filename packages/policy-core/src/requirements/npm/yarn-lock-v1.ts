/**
 * yarn.lock of Yarn classic (`# yarn lockfile v1`), read line by line into the object yarn's own
 * parser (@yarnpkg/lockfile) gives: one key per pattern (`lodash@^4.17.0`), the patterns of one
 * comma-joined header sharing one entry object. yarn's parser is not used at run time: it takes
 * about 70 ms for a lock of 1,000 packages (so ~350 ms for 5,000, over the 150 ms budget) and is a
 * 280 kB bundle of Yarn's internals that loads fs, crypto and tty into the pure core; a test holds
 * this reader to it on real locks.
 *
 * Yarn writes one regular layout: a header line `key, key:` at indent 0, `field value` or
 * `field:` at indent 2, `name value` at indent 4 under a field that opened a map. Anything else
 * (a deeper indent, a duplicate key, a key or value yarn would not write, merge-conflict markers)
 * is an error at its line, never a guess: a lock that is not as yarn writes it is regenerated.
 */
export type YarnV1Object = Record<string, Record<string, unknown>>;

export function readYarnV1Lines(
  text: string,
): { object: YarnV1Object } | { error: { message: string; offset: number } } {
  const object: YarnV1Object = Object.create(null);
  let entry: Record<string, unknown> | undefined;
  let nested: Record<string, unknown> | undefined;
  let lineNo = 0;
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = n;
    const lineStart = start;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    lineNo++;
    const fail = (why: string) => ({
      error: { message: `line ${lineNo} ${why}; yarn does not write it so`, offset: lineStart },
    });
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length) continue;
    if (indent === 0 && line[0] === '#') continue;
    if (indent === 0) {
      if (!line.endsWith(':')) return fail('is neither a comment nor a `pattern:` header');
      const keys = tokens(line.slice(0, -1), true);
      if (!keys) return fail('has a pattern that cannot be read');
      entry = Object.create(null) as Record<string, unknown>;
      nested = undefined;
      for (const k of keys) {
        if (typeof k !== 'string' || k === '' || Object.hasOwn(object, k) || k === '__proto__')
          return fail(`repeats or spoils the pattern ${JSON.stringify(k)}`);
        object[k] = entry;
      }
      continue;
    }
    if (!entry) return fail('is indented before any `pattern:` header');
    if (indent === 2) nested = undefined;
    else if (indent !== 4 || !nested) return fail('is indented deeper than yarn writes');
    const target = (indent === 2 ? entry : nested) as Record<string, unknown>;
    const body = line.slice(indent);
    if (body.endsWith(':') && indent === 2) {
      const key = tokens(body.slice(0, -1), false);
      if (key?.length !== 1 || typeof key[0] !== 'string') return fail('has an unreadable field');
      const name = key[0];
      if (Object.hasOwn(target, name) || name === '__proto__') return fail(`repeats the field ${name}`);
      nested = Object.create(null) as Record<string, unknown>;
      target[name] = nested;
      continue;
    }
    const pair = tokens(body, false);
    if (pair?.length !== 2 || typeof pair[0] !== 'string') return fail('is not a `name value` pair');
    const [name, value] = pair as [string, unknown];
    if (Object.hasOwn(target, name) || name === '__proto__') return fail(`repeats the field ${name}`);
    target[name] = value;
  }
  return { object };
}

/**
 * The tokens of one line as yarn's tokenizer reads them: `"json string"`, `true`/`false`, a run
 * of digits (a number), or a plain word (a letter, `/` or `-` first, up to a space, `:` or `,`).
 * With `commas`, tokens are separated by `, ` (a header); else by one space (a field).
 */
function tokens(s: string, commas: boolean): unknown[] | undefined {
  const out: unknown[] = [];
  const sep = commas ? ', ' : ' ';
  let i = 0;
  while (i < s.length) {
    if (out.length > 0) {
      if (!s.startsWith(sep, i)) return undefined;
      i += sep.length;
    }
    let j: number;
    if (s.charCodeAt(i) === 34) {
      // A string: up to the first quote not escaped; JSON.parse only when it holds an escape.
      j = s.indexOf('"', i + 1);
      while (j !== -1 && s.charCodeAt(j - 1) === 92) j = s.indexOf('"', j + 1);
      if (j === -1) return undefined;
      j++;
      const body = s.slice(i + 1, j - 1);
      if (!body.includes('\\')) out.push(body);
      else
        try {
          out.push(JSON.parse(s.slice(i, j)));
        } catch {
          return undefined;
        }
    } else {
      j = i;
      while (j < s.length) {
        const c = s.charCodeAt(j);
        if (c === 32 || c === 44 || c === 58) break;
        j++;
      }
      const word = s.slice(i, j);
      const c = word.charCodeAt(0);
      if (word === 'true' || word === 'false') out.push(word === 'true');
      else if (c >= 48 && c <= 57) {
        if (!/^\d+$/.test(word)) return undefined;
        out.push(Number(word));
      } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47 || c === 45) out.push(word);
      else return undefined;
    }
    i = j;
  }
  return out.length > 0 ? out : undefined;
}
