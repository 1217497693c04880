import {
  applyEdits,
  findNodeAtLocation,
  type FormattingOptions,
  getNodeValue,
  type JSONPath,
  modify,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';

/**
 * What one agent needs in a JSON (or JSONC) settings file: `key`, a value set at `path` only when
 * nothing is there (an MCP server the user named `slipway` stays theirs); `entry`, one element
 * appended to the array at `path` unless an element already `has` what it would add (a hook the
 * user wrote, or an earlier run's, stays as it is).
 */
export type JsonWant =
  | { kind: 'key'; path: JSONPath; value: unknown }
  | { kind: 'entry'; path: JSONPath; value: unknown; has: (element: unknown) => boolean };

export type JsonMerge = { ok: true; text: string; changed: boolean } | { ok: false; reason: string };

/**
 * `text` (undefined: no file yet) with every want met, edited in place with jsonc-parser's
 * `modify`: comments, key order and the user's own entries are kept byte for byte, new text is
 * indented as the file is. A file that is not JSON, or where a want's path holds something of
 * another kind (`hooks` a string), is refused in one line naming the file and the line: nothing
 * of it is rewritten.
 */
export function mergeJson(file: string, text: string | undefined, wants: readonly JsonWant[]): JsonMerge {
  const fresh = text === undefined || text.trim() === '';
  let out = fresh ? '{}' : text;
  const formattingOptions = formatting(out);
  for (const want of wants) {
    const parsed = parseObject(file, out);
    if (!parsed.ok) return parsed;
    const clash = kindClash(file, out, parsed.root, want);
    if (clash) return { ok: false, reason: clash };
    const at = findNodeAtLocation(parsed.root, want.path);
    if (want.kind === 'key') {
      if (at) continue;
      out = applyEdits(out, modify(out, want.path, want.value, { formattingOptions }));
    } else if (!at) {
      out = applyEdits(out, modify(out, want.path, [want.value], { formattingOptions }));
    } else {
      if ((at.children ?? []).some((c) => want.has(getNodeValue(c)))) continue;
      const end = [...want.path, -1];
      out = applyEdits(out, modify(out, end, want.value, { formattingOptions, isArrayInsertion: true }));
    }
  }
  if (fresh) return { ok: true, text: out.endsWith('\n') ? out : `${out}\n`, changed: true };
  return { ok: true, text: out, changed: out !== text };
}

/** The line (1-based) of `offset` in `text`. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function parseObject(file: string, text: string): { ok: true; root: Node } | { ok: false; reason: string } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
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
    const node = findNodeAtLocation(root, want.path.slice(0, i));
    if (!node) return undefined;
    const last = i === want.path.length;
    const expected = last ? (want.kind === 'entry' ? 'array' : undefined) : 'object';
    if (expected && node.type !== expected)
      return `${file}:${lineOf(text, node.offset)}: \`${want.path.slice(0, i).join('.')}\` is ${article(node.type)}, where Slipway adds to ${article(expected)}; nothing was written: fix it by hand`;
  }
  return undefined;
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** The file's own indentation (the first indented line), else two spaces; its line ending. */
function formatting(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent?.length ?? 2, eol };
}
