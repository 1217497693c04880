import type { SyntaxNode } from '@lezer/common';
import { elements } from '../migrations/js-config.js';
import { parseJs } from '../migrations/js-parser.js';
import { jsStaticString } from '../migrations/js-string.js';
import { text } from '../migrations/js-walk.js';
import { dirnameSlash, joinRepoPath } from '../repo-paths.js';
import { LIMITS } from '../limits.js';

/** How many names the arrays may list, all together, before they are left unread. */
const MAX_NAMES = 5000;
/** How many arrays deep a spread may lead (`[...core]`, core's `[...older]`, ...). */
const MAX_DEPTH = 8;
const COMMENTS = new Set(['LineComment', 'BlockComment']);

/** What one walk over the arrays shares: the files, and what it has counted and visited. */
interface Walk {
  read: (path: string) => string | undefined;
  exists: (path: string) => boolean;
  folders: Map<string, number>;
  names: number;
  /** `file#name` of each array read: one spread twice would list its classes twice. */
  visited: Set<string>;
}

/** A module of the repository, parsed. */
interface Module {
  file: string;
  src: string;
  tree: SyntaxNode;
}

/**
 * The folders whose migration classes one array lists, when a TypeORM data source's `migrations`
 * is a name (`migrations: postgresMigrations`, with `export const postgresMigrations = [Init1693891895163,
 * AddAuthTables1720230151482, ...]` in `database/migrations/postgres/index.ts`, each class imported
 * from its own file): declared in the data source's own module or imported from one of the
 * repository's. An item may spread another array (`[...coreMigrations, ...enterpriseMigrations]`),
 * of the same module or imported, read the same way up to MAX_DEPTH arrays deep. Parsed, never
 * run, as the data source itself is (js-config.ts). Undefined when any step is not that plain (a
 * call, a member, a name from a package, an array spread twice). Counts by folder; `file` is the
 * module of the array named.
 */
export function migrationArrayFolders(
  config: string,
  src: string,
  name: string,
  read: (path: string) => string | undefined,
  exists: (path: string) => boolean,
): { file: string; folders: Map<string, number> } | undefined {
  if (src.length > LIMITS.jsConfig.chars) return undefined;
  const walk: Walk = { read, exists, folders: new Map(), names: 0, visited: new Set() };
  const here: Module = { file: config, src, tree: parseJs(config, src).topNode };
  const found = arrayOf(here, name, walk);
  if (!found || !collect(found.module, found.items, walk, 0)) return undefined;
  return { file: found.module.file, folders: walk.folders };
}

/** The array `name` is in `module`: declared there, or imported from a module of the repository. */
function arrayOf(module: Module, name: string, walk: Walk): { module: Module; items: Item[] } | undefined {
  const own = arrayItems(module, name);
  if (own !== 'absent') return own === undefined ? undefined : { module, items: own };
  const from = importsOf(module).get(name);
  const file = from === undefined ? undefined : resolveModule(module.file, from.spec, walk.exists);
  const src = file === undefined ? undefined : walk.read(file);
  if (file === undefined || src === undefined || src.length > LIMITS.jsConfig.chars) return undefined;
  const target: Module = { file, src, tree: parseJs(file, src).topNode };
  const items = arrayItems(target, from?.imported ?? name);
  return items === 'absent' || items === undefined ? undefined : { module: target, items };
}

/** Each item's classes counted by the folder its import names; each spread's array read in turn. */
function collect(module: Module, items: Item[], walk: Walk, depth: number): boolean {
  const imports = importsOf(module);
  for (const item of items) {
    if (item.spread) {
      const key = `${module.file}#${item.name}`;
      if (depth >= MAX_DEPTH || walk.visited.has(key)) return false;
      walk.visited.add(key);
      const inner = arrayOf(module, item.name, walk);
      if (!inner || !collect(inner.module, inner.items, walk, depth + 1)) return false;
      continue;
    }
    if (++walk.names > MAX_NAMES) return false;
    const spec = imports.get(item.name)?.spec;
    const target = spec === undefined ? undefined : resolveModule(module.file, spec, walk.exists);
    if (target === undefined) return false;
    const folder = dirnameSlash(target).replace(/\/$/, '');
    walk.folders.set(folder, (walk.folders.get(folder) ?? 0) + 1);
  }
  return true;
}

/**
 * Each name a module's `import { a, b as c } from '...'` binds: the module it names and the name
 * that module exports it as.
 */
function importsOf(module: Module): Map<string, { spec: string; imported: string }> {
  const { src, tree } = module;
  const out = new Map<string, { spec: string; imported: string }>();
  for (let d = tree.firstChild; d; d = d.nextSibling) {
    if (d.name !== 'ImportDeclaration') continue;
    const spec = jsStaticString(d.getChild('String'), src)?.value;
    const group = d.getChild('ImportGroup');
    if (spec === undefined || !group) continue;
    for (const bound of group.getChildren('VariableDefinition')) {
      // `a as b`: the module exports `a`, this one calls it `b`.
      const as = bound.prevSibling;
      const exported = as?.name === 'as' && as.prevSibling?.name === 'VariableName' ? as.prevSibling : bound;
      out.set(text(bound, src), { spec, imported: text(exported, src) });
    }
  }
  return out;
}

/** A relative module specifier as TypeScript resolves it among the repository's files. */
function resolveModule(
  importer: string,
  spec: string,
  exists: (path: string) => boolean,
): string | undefined {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return undefined;
  const base = joinRepoPath(dirnameSlash(importer), spec);
  if (base === undefined) return undefined;
  const stem = base.replace(/\.(js|mjs|cjs)$/, '');
  const candidates = [
    base,
    `${stem}.ts`,
    `${stem}.js`,
    `${stem}.mts`,
    `${stem}/index.ts`,
    `${stem}/index.js`,
  ];
  return candidates.find((c) => exists(c));
}

/** An item of an array: a plain name, or `...name`. */
interface Item {
  name: string;
  spread: boolean;
}

/**
 * The items of a top-level `const name = [A, ...B, ...]` (exported or not): 'absent' when the
 * module declares no such name, undefined when it does with anything but plain names and spreads
 * of plain names in it.
 */
function arrayItems({ src, tree }: Module, name: string): Item[] | 'absent' | undefined {
  for (let d = tree.firstChild; d; d = d.nextSibling) {
    const declaration = d.name === 'ExportDeclaration' ? d.getChild('VariableDeclaration') : d;
    if (declaration?.name !== 'VariableDeclaration') continue;
    const defined = declaration.getChild('VariableDefinition');
    if (!defined || text(defined, src) !== name) continue;
    const array = declaration.getChild('ArrayExpression');
    if (!array) return undefined;
    const items: Item[] = [];
    let spread = false;
    for (const e of elements(array)) {
      if (COMMENTS.has(e.name)) continue;
      if (e.name === 'Spread') {
        spread = true;
        continue;
      }
      if (e.name !== 'VariableName') return undefined;
      items.push({ name: text(e, src), spread });
      spread = false;
    }
    return items.length === 0 || items.length > MAX_NAMES ? undefined : items;
  }
  return 'absent';
}
