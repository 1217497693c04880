/**
 * Where the cursor is in a policy file being typed, read from the lines above it rather than
 * from a parse: text being typed is rarely valid YAML or TOML, and completion must work then.
 *
 * `path` is the chain of keys that contain the cursor (`['deploy', 'environments', '*']`, with
 * `[]` for "inside a list item"); `mode` says whether a key, a value of `key`, or a list item is
 * being typed; `prefix` is what has been typed of it, which completion replaces.
 */
export interface PolicyCursor {
  path: string[];
  mode: 'key' | 'value' | 'item';
  /** The key whose value is being typed (mode `value`). */
  key?: string;
  prefix: string;
  /** Keys already written beside the cursor (mode `key`): not offered again. */
  siblings: Set<string>;
  /** TOML needs string values quoted; YAML does not. */
  quoted: boolean;
  /** What follows a completed key: `: ` in YAML, ` = ` in TOML, nothing in a table header. */
  keySuffix: string;
}

const KEY_LINE = /^(\s*)(-\s+)?([\w.-]+)\s*:\s*(#.*)?$/;
const KEY_VALUE = /^(\s*)(-\s+)?([\w.-]+)\s*:\s*(.*)$/;

const indentOf = (line: string): number => /^\s*/.exec(line)?.[0].length ?? 0;
const isContent = (line: string): boolean => line.trim() !== '' && !line.trim().startsWith('#');

/** The last item of a flow list being typed: `[a, b` → `b`, without quotes. */
function flowItem(value: string): string | undefined {
  if (!value.startsWith('[') || value.includes(']')) return undefined;
  const last = value.slice(value.lastIndexOf(',') + 1).replace(/^\[/, '');
  return last.trim().replace(/^["']/, '');
}

export function yamlCursor(lines: readonly string[], line: number, character: number): PolicyCursor {
  const before = (lines[line] ?? '').slice(0, character);
  let mode: PolicyCursor['mode'] = 'key';
  let key: string | undefined;
  let prefix = '';
  let indent = indentOf(before);
  let inItem = false;
  const pair = KEY_VALUE.exec(before);
  const dash = /^(\s*)-\s*(.*)$/.exec(before);
  if (pair) {
    indent = (pair[1] ?? '').length + (pair[2] ?? '').length;
    inItem = pair[2] !== undefined;
    key = pair[3];
    const value = pair[4] ?? '';
    const item = flowItem(value);
    if (item !== undefined) {
      mode = 'item';
      prefix = item;
    } else {
      mode = 'value';
      prefix = value.trim().replace(/^["']/, '');
    }
  } else if (dash) {
    // `- ` then text: an item of a list of strings (or the first key of an object item).
    mode = 'item';
    prefix = (dash[2] ?? '').trim().replace(/^["']/, '');
    indent = (dash[1] ?? '').length;
  } else {
    prefix = before.trim();
  }

  // The containing keys: each line above that opens a block less indented than what it holds.
  const path: string[] = [];
  let limit = indent;
  // A list item may sit at its key's own indent (`paths:\n- a`): the dash line's parent may be
  // as indented as the dash.
  let allowEqual = mode === 'item' && !pair;
  let parentLine = -1;
  for (let i = line - 1; i >= 0 && limit > 0; i--) {
    const text = lines[i] ?? '';
    if (!isContent(text)) continue;
    const ind = indentOf(text);
    const opens = KEY_LINE.exec(text);
    if (ind < limit || (allowEqual && ind === limit && opens)) {
      if (opens) {
        if (parentLine < 0) parentLine = i;
        path.unshift(opens[3] ?? '');
        if (opens[2]) {
          path.unshift('[]');
        }
        limit = ind;
        allowEqual = false;
      } else if (/^\s*-\s+[\w.-]+\s*:/.test(text)) {
        // The first key of an object item, written on the dash line: we are inside that item.
        if (parentLine < 0) parentLine = i;
        path.unshift('[]');
        limit = ind;
        allowEqual = true;
      } else if (ind < limit) {
        limit = ind;
      }
    }
  }
  if (mode === 'value' && inItem) path.push('[]');
  if (mode === 'item' && pair && key) path.push(key);

  const siblings = new Set<string>();
  if (mode === 'key') {
    for (let i = parentLine + 1; i < lines.length; i++) {
      if (i === line) continue;
      const text = lines[i] ?? '';
      if (!isContent(text)) continue;
      const ind = indentOf(text);
      if (ind < indent && i > line) break;
      const m = KEY_VALUE.exec(text);
      if (m && ind === indent && !m[2]) siblings.add(m[3] ?? '');
    }
  }
  return {
    path,
    mode,
    ...(key !== undefined ? { key } : {}),
    prefix,
    siblings,
    quoted: false,
    keySuffix: ': ',
  };
}

export function tomlCursor(lines: readonly string[], line: number, character: number): PolicyCursor {
  const before = (lines[line] ?? '').slice(0, character);
  let path: string[] = [];
  let headerLine = -1;
  for (let i = line - 1; i >= 0; i--) {
    const header = /^\s*\[(\[)?\s*([\w.-]+)\s*\]/.exec(lines[i] ?? '');
    if (header) {
      path = (header[2] ?? '').split('.');
      if (header[1]) path.push('[]');
      headerLine = i;
      break;
    }
  }
  const header = /^\s*\[\[?\s*([\w.-]*)$/.exec(before);
  if (header) {
    // A table header being typed: its name is a key of the root (or of a dotted parent).
    const parts = (header[1] ?? '').split('.');
    const prefix = parts.pop() ?? '';
    return { path: parts, mode: 'key', prefix, siblings: new Set(), quoted: false, keySuffix: '' };
  }
  const pair = /^\s*([\w-]+)\s*=\s*(.*)$/.exec(before);
  if (pair) {
    const key = pair[1] ?? '';
    const value = pair[2] ?? '';
    const item = flowItem(value);
    if (item !== undefined)
      return {
        path: [...path, key],
        mode: 'item',
        prefix: item,
        siblings: new Set(),
        quoted: true,
        keySuffix: '',
      };
    return {
      path,
      mode: 'value',
      key,
      prefix: value.replace(/^["']/, ''),
      siblings: new Set(),
      quoted: !/^["']/.test(value),
      keySuffix: '',
    };
  }
  const siblings = new Set<string>();
  for (let i = headerLine + 1; i < lines.length; i++) {
    if (i === line) continue;
    const text = lines[i] ?? '';
    if (/^\s*\[/.test(text)) break;
    const m = /^\s*([\w-]+)\s*=/.exec(text);
    if (m) siblings.add(m[1] ?? '');
  }
  return { path, mode: 'key', prefix: before.trim(), siblings, quoted: false, keySuffix: ' = ' };
}
