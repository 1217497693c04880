import type { SyntaxNode } from '@lezer/common';
import { joinRepoPath } from '../repo-paths.js';
import { parseJs } from './js-parser.js';
import { jsStaticString } from './js-string.js';
import { objectProperties, objectProperty, text } from './js-walk.js';

// A Knex knexfile or a TypeORM data source is a program: requiring it would run whatever the
// repository wrote there (a hostile branch's knexfile can spawn a process, read secrets, call out).
// Slipway never runs it. It parses the file and reads the few settings it needs where they are
// literals; what it cannot read that way it names, so the team writes it into the policy instead.

/** A path a config names, read statically: a repository path, or the source text it could not read. */
export type ConfigPath = { path: string } | { unread: string };

/** The `migrations` settings of one knexfile, as written (every environment's block). */
export interface KnexfileFacts {
  /** Each `migrations: { ... }` block: its `directory` values, `disableTransactions` and `sortDirsSeparately`. */
  blocks: {
    directories: ConfigPath[];
    disableTransactions: LiteralFlag;
    sortDirsSeparately: LiteralFlag;
  }[];
  /** A `migrations:` whose value is not an object written there (a variable, a call). */
  unread: string[];
}

/** A boolean setting as written: a literal, something else (its source), or absent. */
export type LiteralFlag = boolean | { unread: string } | undefined;

/** What the parts of a path expression are: a literal, `__dirname`, or neither. */
const snippet = (node: SyntaxNode, src: string) => text(node, src).replace(/\s+/g, ' ').slice(0, 80);

/**
 * A path expression as the config's own folder sees it: a string literal (relative to `base`, the
 * folder the tool resolves it from), `path.join`/`path.resolve(__dirname, '...')`, `__dirname +
 * '/...'`, or a template `${__dirname}/...`. Anything else is unread, with its source.
 */
export function configPath(node: SyntaxNode, src: string, base: string, here: string): ConfigPath {
  const literal = jsStaticString(node, src)?.value;
  if (literal !== undefined) return joined(base, literal, node, src);
  const parts: string[] = [];
  let fromHere = false;
  const piece = (n: SyntaxNode | null, first: boolean): boolean => {
    if (!n) return false;
    if (n.name === 'VariableName' && text(n, src) === '__dirname' && first) {
      fromHere = true;
      return true;
    }
    const s = jsStaticString(n, src)?.value;
    if (s === undefined) return false;
    parts.push(s);
    return true;
  };
  if (
    node.name === 'CallExpression' &&
    /^path\.(join|resolve)$/.test(text(node.firstChild as SyntaxNode, src))
  ) {
    const all: SyntaxNode[] = [];
    for (let a = node.getChild('ArgList')?.firstChild ?? null; a; a = a.nextSibling)
      if (!['(', ')', ','].includes(a.name)) all.push(a);
    if (all.length > 0 && all.every((a, i) => piece(a, i === 0)))
      return joined(fromHere ? here : base, parts.join('/'), node, src);
  } else if (node.name === 'BinaryExpression' && text(node.getChild('ArithOp') as SyntaxNode, src) === '+') {
    if (piece(node.firstChild, true) && piece(node.lastChild, false) && fromHere)
      return joined(here, parts.join(''), node, src);
  } else if (node.name === 'TemplateString') {
    const m = /^`\$\{\s*__dirname\s*\}([^`$]*)`$/.exec(text(node, src));
    if (m) return joined(here, m[1] as string, node, src);
  }
  return { unread: snippet(node, src) };
}

function joined(base: string, rel: string, node: SyntaxNode, src: string): ConfigPath {
  if (rel.startsWith('/')) return { unread: snippet(node, src) };
  const path = joinRepoPath(base, rel);
  return path === undefined ? { unread: snippet(node, src) } : { path };
}

/** Every `key: value` property of the file whose key is `name`, with its value. */
function properties(root: SyntaxNode, src: string, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const cursor = root.cursor();
  do {
    if (cursor.name !== 'Property') continue;
    const { key, value, method } = objectProperty(cursor.node, src);
    if (key === name && value && !method) out.push(value);
  } while (cursor.next());
  return out;
}

/**
 * The `migrations` blocks of a knexfile (`knexfile.js` at `path`): Knex's CLI runs from the
 * knexfile's folder, so relative directories are read from there.
 */
export function readKnexfile(path: string, src: string): KnexfileFacts {
  const here = path.slice(0, path.lastIndexOf('/') + 1);
  const root = parseJs(path, src).topNode;
  const facts: KnexfileFacts = { blocks: [], unread: [] };
  for (const value of properties(root, src, 'migrations')) {
    if (value.name !== 'ObjectExpression') {
      facts.unread.push(snippet(value, src));
      continue;
    }
    const directories: ConfigPath[] = [];
    let disableTransactions: LiteralFlag;
    let sortDirsSeparately: LiteralFlag;
    const flag = (v: SyntaxNode): LiteralFlag =>
      v.name === 'BooleanLiteral' ? text(v, src) === 'true' : { unread: snippet(v, src) };
    for (const { key: k, value: v, method, spread } of objectProperties(value, src)) {
      // `...shared` may set the directory or disableTransactions: said, not guessed at.
      if (spread) facts.unread.push(snippet(spread, src));
      if (!v || method) continue;
      if (k === 'directory') {
        const items = v.name === 'ArrayExpression' ? elements(v) : [v];
        for (const item of items) directories.push(configPath(item, src, here, here));
      } else if (k === 'disableTransactions') disableTransactions = flag(v);
      else if (k === 'sortDirsSeparately') sortDirsSeparately = flag(v);
    }
    // A block without `directory` uses Knex's default, ./migrations beside the knexfile.
    if (directories.length === 0) directories.push({ path: joinRepoPath(here, 'migrations') as string });
    facts.blocks.push({ directories, disableTransactions, sortDirsSeparately });
  }
  return facts;
}

/** The elements of an array literal, without its brackets and commas (a spread is kept, unread). */
export function elements(array: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let e = array.firstChild; e; e = e.nextSibling) if (!['[', ']', ','].includes(e.name)) out.push(e);
  return out;
}

/**
 * The `migrations` globs of a TypeORM data source or ormconfig file (`new DataSource({ migrations:
 * ['src/migrations/*.ts'] })`, an ormconfig.json's `"migrations"`): relative globs are read from
 * `base` (the package the app runs from), `__dirname` ones from the file's folder. A class listed
 * by name is unread: the folder its import names is found by the classes themselves.
 */
export function readTypeormConfig(path: string, src: string, base: string): ConfigPath[] {
  return path.endsWith('.json') ? typeormJson(src, base) : readConfigPaths(path, src, 'migrations', base);
}

/**
 * Every path (or list of paths) the file sets under `key`, read as configPath reads one: a
 * TypeORM data source's `migrations`, a `.sequelizerc`'s `'migrations-path'`.
 */
export function readConfigPaths(path: string, src: string, key: string, base: string): ConfigPath[] {
  const here = path.slice(0, path.lastIndexOf('/') + 1);
  const out: ConfigPath[] = [];
  for (const value of properties(parseJs(path, src).topNode, src, key)) {
    // `...name` in the array: the items of another array, unread here (init may read that array).
    let spread = false;
    for (const item of value.name === 'ArrayExpression' ? elements(value) : [value]) {
      if (item.name === 'Spread') {
        spread = true;
        continue;
      }
      out.push(spread ? { unread: `...${snippet(item, src)}` } : configPath(item, src, base, here));
      spread = false;
    }
  }
  return out;
}

function typeormJson(src: string, base: string): ConfigPath[] {
  let doc: unknown;
  try {
    doc = JSON.parse(src);
  } catch {
    return [{ unread: 'the file is not JSON' }];
  }
  const out: ConfigPath[] = [];
  for (const conf of Array.isArray(doc) ? doc : [doc]) {
    const globs = (conf as { migrations?: unknown } | null)?.migrations;
    for (const g of Array.isArray(globs) ? globs : globs === undefined ? [] : [globs])
      if (typeof g === 'string' && !g.startsWith('/')) {
        const p = joinRepoPath(base, g);
        out.push(p === undefined ? { unread: g } : { path: p });
      } else out.push({ unread: JSON.stringify(g).slice(0, 80) });
  }
  return out;
}

/** The folder a migrations glob reads (`src/migrations/*.ts`: `src/migrations`), and whether it recurses. */
export function globFolder(glob: string): { folder: string; recursive: boolean } {
  const wild = glob.search(/[*?{[]/);
  if (wild === -1) return { folder: glob.slice(0, Math.max(0, glob.lastIndexOf('/'))), recursive: false };
  const head = glob.slice(0, wild);
  return { folder: head.slice(0, Math.max(0, head.lastIndexOf('/'))), recursive: glob.includes('**') };
}
