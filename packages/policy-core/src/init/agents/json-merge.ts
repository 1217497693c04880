import {
  findNodeAtLocation,
  getNodeValue,
  type JSONPath,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import { MAX_JSON_DEPTH, parserReach } from '../../deploy/json-with-ranges.js';

/**
 * What one agent needs in a JSON (or JSONC) settings file: `key`, a value set at `path` only when
 * nothing is there (an MCP server the user named `slipway` stays theirs); `entry`, one element
 * appended to the array at `path` unless an element already `has` what it would add (a hook the
 * user wrote, or an earlier run's, stays as it is).
 */
export type JsonWant =
  | { kind: 'key'; path: JSONPath; value: unknown }
  | {
      kind: 'entry';
      path: JSONPath;
      value: unknown;
      has: (element: unknown) => boolean;
      /** What an element that `has` it lacks of what init writes now, said when it is kept. */
      outdated?: (element: unknown) => string | undefined;
    };

export type JsonMerge =
  | { ok: true; text: string; changed: boolean; kept?: string[] }
  | { ok: false; reason: string };

/**
 * `text` (undefined: no file yet) with every want met, by inserting text only (parsed with
 * jsonc-parser): comments, key order and the user's own entries are kept byte for byte, new text
 * is indented as the file is. A file that is not JSON, or where a want's path holds something of
 * another kind (`hooks` a string), is refused in one line naming the file and the line: nothing
 * of it is rewritten.
 */
export function mergeJson(file: string, text: string | undefined, wants: readonly JsonWant[]): JsonMerge {
  const fresh = text === undefined || text.trim() === '';
  let out = fresh ? '{}' : text;
  const style = styleOf(out);
  const kept: string[] = [];
  for (const want of wants) {
    const parsed = parseObject(file, out);
    if (!parsed.ok) return parsed;
    const clash = kindClash(file, out, parsed.root, want);
    if (clash) return { ok: false, reason: clash };
    const at = findNodeAtLocation(parsed.root, want.path);
    const where = `${file} \`${want.path.join('.')}\``;
    if (want.kind === 'key') {
      if (!at) out = addMissing(out, parsed.root, want.path, want.value, style);
      else if (!sameJson(getNodeValue(at), want.value))
        kept.push(`${where} is kept as it is, not as init writes it`);
    } else if (!at) {
      out = addMissing(out, parsed.root, want.path, [want.value], style);
    } else {
      const ours = (at.children ?? []).map((c) => getNodeValue(c)).filter((v) => want.has(v));
      if (ours.length === 0) out = insertInto(out, at, undefined, want.value, style);
      // Someone's edit of Slipway's entry (another matcher, a longer timeout) stays theirs: said, not undone.
      else if (!ours.some((v) => sameJson(v, want.value))) {
        const lacks = ours.map((v) => want.outdated?.(v)).find((x) => x !== undefined);
        kept.push(
          `${where} has Slipway's hook as someone edited it; kept as it is (compare with docs/guides/agents.md)${lacks ? `; ${lacks}` : ''}`,
        );
      }
    }
  }
  if (fresh) return { ok: true, text: out.endsWith('\n') ? out : `${out}\n`, changed: true };
  return { ok: true, text: out, changed: out !== text, kept };
}

interface Style {
  unit: string;
  eol: string;
}

/**
 * Sets `path` (absent) to `value` by adding one property to the deepest object of the path that
 * is there, the rest of the path built around the value.
 */
function addMissing(text: string, root: Node, path: JSONPath, value: unknown, style: Style): string {
  let depth = 0;
  let parent = root;
  for (; depth < path.length - 1; depth++) {
    const next = findNodeAtLocation(root, path.slice(0, depth + 1));
    if (!next) break;
    parent = next;
  }
  let built = value;
  for (let i = path.length - 1; i > depth; i--) built = { [String(path[i])]: built };
  return insertInto(text, parent, String(path[depth]), built, style);
}

/**
 * `text` with one member added at the end of `container` (an object's property `key`, or an
 * array's element): only new text is inserted, after the last member (or inside the empty
 * brackets), indented like its siblings; nothing already there is reformatted. jsonc-parser's
 * `modify` with formatting would reformat the siblings (a one-line entry of the user's spread
 * over lines), so the insertion is made here.
 */
function insertInto(
  text: string,
  container: Node,
  key: string | undefined,
  value: unknown,
  style: Style,
): string {
  const members = container.children ?? [];
  const last = members[members.length - 1];
  const outer = lineIndent(text, container.offset);
  const indent = last ? (ownLineIndent(text, last.offset) ?? outer + style.unit) : outer + style.unit;
  const member = (key === undefined ? '' : `${JSON.stringify(key)}: `) + pretty(value, indent, style);
  if (last) {
    const at = last.offset + last.length;
    const eolAt = text.indexOf('\n', at);
    const lineEnd = eolAt < 0 ? text.length : text[eolAt - 1] === '\r' ? eolAt - 1 : eolAt;
    // What follows the last member on its line: its comma and a comment stay on that line.
    const rest = /^([ \t]*,)?[ \t]*(\/\/.*)?$/.exec(text.slice(at, lineEnd));
    if (!rest) return `${text.slice(0, at)},${style.eol}${indent}${member}${text.slice(at)}`;
    const comma = rest[1] ? '' : ',';
    return `${text.slice(0, at)}${comma}${text.slice(at, lineEnd)}${style.eol}${indent}${member}${text.slice(lineEnd)}`;
  }
  const at = container.offset + 1;
  const close = container.offset + container.length - 1;
  return `${text.slice(0, at)}${style.eol}${indent}${member}${style.eol}${outer}${text.slice(close)}`;
}

/** `value` as JSON indented by the file's unit, every line after the first starting at `indent`. */
function pretty(value: unknown, indent: string, style: Style): string {
  return JSON.stringify(value, null, style.unit).split('\n').join(`${style.eol}${indent}`);
}

/** The whitespace that starts the line `offset` is on. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/** The indentation of a member that starts its own line; undefined when something precedes it there. */
function ownLineIndent(text: string, offset: number): string | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(start, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The line (1-based) of `offset` in `text`. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function parseObject(file: string, text: string): { ok: true; root: Node } | { ok: false; reason: string } {
  // jsonc-parser recurses per bracket: `[[[…` or `[},[},[…` 100,000 long ran it out of stack
  // (an internal error, no file named). Read only as far as its recursion stays bounded.
  const { end, tooDeep } = parserReach(text);
  if (tooDeep)
    return {
      ok: false,
      reason: `${file}:${lineOf(text, end)}: arrays and objects are nested more than ${MAX_JSON_DEPTH} levels deep; nothing was written: fix the file and run again`,
    };
  const errors: ParseError[] = [];
  const root = parseTree(text.slice(0, end), errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first)
    return {
      ok: false,
      reason: `${file}:${lineOf(text, first.offset)}: not valid JSON (${printParseErrorCode(first.error)}); nothing was written: fix the file and run again`,
    };
  if (root?.type !== 'object')
    return {
      ok: false,
      reason: `${file}:1: holds ${root?.type ?? 'nothing'}, not a JSON object; nothing was written`,
    };
  return { ok: true, root };
}

/** Why a want cannot be met without replacing what the user wrote: a step of its path of another kind. */
function kindClash(file: string, text: string, root: Node, want: JsonWant): string | undefined {
  for (let i = 1; i <= want.path.length; i++) {
    const twice = duplicateKey(findNodeAtLocation(root, want.path.slice(0, i - 1)), want.path[i - 1]);
    if (twice)
      return `${file}:${lineOf(text, twice.offset)}: \`${want.path.slice(0, i).join('.')}\` is there twice, and an agent reads only the last; nothing was written: keep one by hand`;
    const node = findNodeAtLocation(root, want.path.slice(0, i));
    if (!node) return undefined;
    const last = i === want.path.length;
    const expected = last ? (want.kind === 'entry' ? 'array' : undefined) : 'object';
    if (expected && node.type !== expected)
      return `${file}:${lineOf(text, node.offset)}: \`${want.path.slice(0, i).join('.')}\` is ${article(node.type)}, where Slipway adds to ${article(expected)}; nothing was written: fix it by hand`;
  }
  return undefined;
}

/** The second property named `key` of `object`, when there are two (JSON.parse keeps the last). */
function duplicateKey(object: Node | undefined, key: string | number | undefined): Node | undefined {
  if (object?.type !== 'object' || typeof key !== 'string') return undefined;
  const named = (object.children ?? []).filter((p) => p.children?.[0]?.value === key);
  return named[1];
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** The file's own indentation unit (its first indented line), else two spaces; its line ending. */
function styleOf(text: string): Style {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  return { unit: indent ?? '  ', eol: text.includes('\r\n') ? '\r\n' : '\n' };
}
