import { type AST, parseTOML } from 'toml-eslint-parser';

/**
 * Where each key and value of a TOML document stands, so that a finding about slipway.toml or
 * update.toml points at the key or value it is about. @iarna/toml (which reads the values)
 * keeps no positions; toml-eslint-parser (the parser behind eslint-plugin-toml, TOML 1.0, every
 * node with its range) gives them. Paths are keys and array indexes, as a schema error names
 * them: `['protected', 1, 'paths', 0]` is the first path of the second `[[protected]]` table.
 */
export interface TomlSpan {
  /** The key as written (`a.b` for a dotted key); for a table, its `[header]`; for an array element, the element. */
  key: { start: number; end: number };
  /** The value; for a table, its `[header]`. */
  value: { start: number; end: number };
}

type Path = readonly (string | number)[];

export class TomlRanges {
  private readonly spans = new Map<string, TomlSpan>();

  /** Ranges of a document; text that is not TOML 1.0 has none (every lookup misses). */
  constructor(private readonly text: string) {
    try {
      // A byte-order mark (which @iarna/toml accepts) read as a space: same offsets, valid TOML.
      const ast = parseTOML(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text, {
        tomlVersion: '1.0',
      });
      for (const item of ast.body[0].body) {
        if (item.type === 'TOMLKeyValue') this.keyValue([], item);
        else this.table(item);
      }
    } catch {
      // Not TOML 1.0, or nested past what a recursive walk survives (the readers' limits refuse
      // such files first): findings fall back to the file's start.
      this.spans.clear();
    }
  }

  /** The span at exactly `path`, if the document writes it. */
  get(path: Path): TomlSpan | undefined {
    return this.spans.get(keyOf(path));
  }

  /**
   * The span at `path` or, when the document does not write it (a missing key, a default), at
   * the deepest ancestor it does write, with `exact` saying which.
   */
  nearest(path: Path): { span: TomlSpan; exact: boolean } | undefined {
    for (let n = path.length; n > 0; n--) {
      const span = this.spans.get(keyOf(path.slice(0, n)));
      if (span) return { span, exact: n === path.length };
    }
    return undefined;
  }

  private table(table: AST.TOMLTable): void {
    // The header, brackets included: `[update]`, `[[protected]]`.
    const close = this.text.indexOf(']', table.key.range[1]);
    const header = { start: table.range[0], end: close + (table.kind === 'array' ? 2 : 1) };
    const path = table.resolvedKey;
    // An array of tables as a whole (`protected` where a table was expected) is its first header.
    if (table.kind === 'array') this.add(path.slice(0, -1), { key: header, value: header });
    this.add(path, { key: header, value: header });
    for (const kv of table.body) this.keyValue(path, kv);
  }

  private keyValue(prefix: Path, kv: AST.TOMLKeyValue): void {
    const names = kv.key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
    const key = span(kv.key);
    // A dotted key (`a.b.c = 1`) also stands for the tables it implies, `a` and `a.b`.
    for (let i = 1; i < names.length; i++) this.add([...prefix, ...names.slice(0, i)], { key, value: key });
    const path = [...prefix, ...names];
    this.spans.set(keyOf(path), { key, value: span(kv.value) });
    this.content(path, kv.value);
  }

  /** Inside an inline table or array: its keys, and its elements by index. */
  private content(path: Path, node: AST.TOMLContentNode): void {
    if (node.type === 'TOMLInlineTable') for (const kv of node.body) this.keyValue(path, kv);
    else if (node.type === 'TOMLArray')
      node.elements.forEach((element, i) => {
        const at = [...path, i];
        this.spans.set(keyOf(at), { key: span(element), value: span(element) });
        this.content(at, element);
      });
  }

  /** Records a span unless one is there: the first place a table is named is where it starts. */
  private add(path: Path, at: TomlSpan): void {
    const k = keyOf(path);
    if (path.length > 0 && !this.spans.has(k)) this.spans.set(k, at);
  }
}

function span(node: { range: [number, number] }): { start: number; end: number } {
  return { start: node.range[0], end: node.range[1] };
}

function keyOf(path: Path): string {
  return path.map(String).join('\u0000');
}
