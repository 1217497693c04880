/**
 * yarn.lock of Yarn classic (`# yarn lockfile v1`), read line by line into its entries: the
 * patterns of one comma-joined header (`lodash@^4.17.0, lodash@^4.17.4`) and the fields they share,
 * what yarn's own parser (@yarnpkg/lockfile) gives as one key per pattern. yarn's parser is not used at run time: it takes
 * about 70 ms for a lock of 1,000 packages (so ~350 ms for 5,000, over the 150 ms budget) and is a
 * 280 kB bundle of Yarn's internals that loads fs, crypto and tty into the pure core; a test holds
 * this reader to it on real locks.
 *
 * Yarn writes one regular layout: a header line `key, key:` at indent 0, `field value` or
 * `field:` at indent 2, `name value` at indent 4 under a field that opened a map. Anything else
 * (a deeper indent, a duplicate key, a key or value yarn would not write, merge-conflict markers)
 * is an error at its line, never a guess: a lock that is not as yarn writes it is regenerated.
 * Plain objects (fields are never `__proto__`, refused) keep V8's fast shapes: 10,000 entries
 * of null-prototype objects cost twice the time.
 */
export interface YarnV1Entry {
  patterns: string[];
  fields: Record<string, unknown>;
}

export function readYarnV1Lines(
  text: string,
): { entries: YarnV1Entry[] } | { error: { message: string; offset: number } } {
  const entries: YarnV1Entry[] = [];
  const patterns = new Set<string>();
  let entry: Record<string, unknown> | undefined;
  let nested: Record<string, unknown> | undefined;
  let lineNo = 0;
  let start = 0;
  const n = text.length;
  // Offsets into the text throughout, no copy of each line: a 5,000-package lock has 40,000.
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = n;
    const from = start;
    const to = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    start = end + 1;
    lineNo++;
    let at = from;
    while (at < to && text.charCodeAt(at) === 32) at++;
    const indent = at - from;
    if (at === to) continue;
    if (indent === 0 && text.charCodeAt(at) === 35) continue;
    const opens = text.charCodeAt(to - 1) === 58;
    if (indent === 0) {
      if (!opens) return fail(lineNo, from, 'is neither a comment nor a `pattern:` header');
      const keys = tokens(text, at, to - 1, true);
      if (!keys) return fail(lineNo, from, 'has a pattern that cannot be read');
      entry = {};
      nested = undefined;
      for (const k of keys) {
        if (typeof k !== 'string' || k === '' || patterns.has(k))
          return fail(lineNo, from, `repeats or spoils the pattern ${JSON.stringify(k)}`);
        patterns.add(k);
      }
      entries.push({ patterns: keys as string[], fields: entry });
      continue;
    }
    if (!entry) return fail(lineNo, from, 'is indented before any `pattern:` header');
    if (indent === 2) nested = undefined;
    else if (indent !== 4 || !nested) return fail(lineNo, from, 'is indented deeper than yarn writes');
    const target = (indent === 2 ? entry : nested) as Record<string, unknown>;
    if (opens && indent === 2) {
      const key = tokens(text, at, to - 1, false);
      if (key?.length !== 1 || typeof key[0] !== 'string')
        return fail(lineNo, from, 'has an unreadable field');
      const name = key[0];
      if (Object.hasOwn(target, name) || name === '__proto__')
        return fail(lineNo, from, `repeats the field ${name}`);
      nested = {};
      target[name] = nested;
      continue;
    }
    const pair = tokens(text, at, to, false);
    if (pair?.length !== 2 || typeof pair[0] !== 'string')
      return fail(lineNo, from, 'is not a `name value` pair');
    const name = pair[0];
    if (Object.hasOwn(target, name) || name === '__proto__')
      return fail(lineNo, from, `repeats the field ${name}`);
    target[name] = pair[1];
  }
  return { entries };
}

function fail(lineNo: number, offset: number, why: string) {
  return { error: { message: `line ${lineNo} ${why}; yarn does not write it so`, offset } };
}

/**
 * The tokens of `s` from `from` to `to` as yarn's tokenizer reads them: `"json string"`,
 * `true`/`false`, a run of digits (a number), or a plain word (a letter, `/` or `-` first, up to
 * a space, `:` or `,`). With `commas`, tokens are separated by `, ` (a header); else by one space.
 */
function tokens(s: string, from: number, to: number, commas: boolean): unknown[] | undefined {
  const out: unknown[] = [];
  const sep = commas ? ', ' : ' ';
  let i = from;
  while (i < to) {
    if (out.length > 0) {
      if (!s.startsWith(sep, i)) return undefined;
      i += sep.length;
    }
    let j: number;
    if (s.charCodeAt(i) === 34) {
      // A string: up to the first quote not escaped; JSON.parse only when it holds an escape.
      j = s.indexOf('"', i + 1);
      while (j !== -1 && j < to && s.charCodeAt(j - 1) === 92) j = s.indexOf('"', j + 1);
      if (j === -1 || j >= to) return undefined;
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
      while (j < to) {
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
