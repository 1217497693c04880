import type { SyntaxNode } from '@lezer/common';
import { elements } from '../migrations/js-config.js';
import { parseJs } from '../migrations/js-parser.js';
import { jsStaticString } from '../migrations/js-string.js';
import { text } from '../migrations/js-walk.js';
import { dirnameSlash, joinRepoPath } from '../repo-paths.js';
import { LIMITS } from '../limits.js';

/** How many names an array may list before it is left unread. */
const MAX_NAMES = 5000;
const COMMENTS = new Set(['LineComment', 'BlockComment']);

/**
 * The folders whose migration classes one array lists, when a TypeORM data source's `migrations`
 * is a name imported from a module of the repository (`migrations: postgresMigrations`, with
 * `export const postgresMigrations = [Init1693891895163, AddAuthTables1720230151482, ...]` in
 * `database/migrations/postgres/index.ts`, each class imported from its own file). Parsed, never
 * run, as the data source itself is (js-config.ts): an import of the name, an array of plain
 * names, and each name's import. Undefined when any step is not that plain (a spread, a call, a
 * name from a package). Counts by folder.
 */
export function migrationArrayFolders(
  config: string,
  src: string,
  name: string,
  read: (path: string) => string | undefined,
  exists: (path: string) => boolean,
): { file: string; folders: Map<string, number> } | undefined {
  const from = importsOf(config, src).get(name);
  const file = from === undefined ? undefined : resolveModule(config, from, exists);
  const module = file === undefined ? undefined : read(file);
  if (file === undefined || module === undefined || module.length > LIMITS.jsConfig.chars) return undefined;
  const tree = parseJs(file, module).topNode;
  const names = arrayNames(tree, module, name);
  if (!names) return undefined;
  const imports = importsOf(file, module, tree);
  const folders = new Map<string, number>();
  for (const n of names) {
    const spec = imports.get(n);
    const target = spec === undefined ? undefined : resolveModule(file, spec, exists);
    if (target === undefined) return undefined;
    const folder = dirnameSlash(target).replace(/\/$/, '');
    folders.set(folder, (folders.get(folder) ?? 0) + 1);
  }
  return { file, folders };
}

/** Each name a module's `import { a, b as c } from '...'` binds, and the module it names. */
function importsOf(path: string, src: string, tree = parseJs(path, src).topNode): Map<string, string> {
  const out = new Map<string, string>();
  for (let d = tree.firstChild; d; d = d.nextSibling) {
    if (d.name !== 'ImportDeclaration') continue;
    const from = jsStaticString(d.getChild('String'), src)?.value;
    const group = d.getChild('ImportGroup');
    if (from === undefined || !group) continue;
    for (const bound of group.getChildren('VariableDefinition')) out.set(text(bound, src), from);
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

/** The plain names of a top-level `const name = [A, B, ...]` (exported or not); undefined for anything else in it. */
function arrayNames(tree: SyntaxNode, src: string, name: string): string[] | undefined {
  for (let d = tree.firstChild; d; d = d.nextSibling) {
    const declaration = d.name === 'ExportDeclaration' ? d.getChild('VariableDeclaration') : d;
    if (declaration?.name !== 'VariableDeclaration') continue;
    const defined = declaration.getChild('VariableDefinition');
    if (!defined || text(defined, src) !== name) continue;
    const array = declaration.getChild('ArrayExpression');
    if (!array) return undefined;
    const items = elements(array).filter((e) => !COMMENTS.has(e.name));
    if (items.length === 0 || items.length > MAX_NAMES || items.some((e) => e.name !== 'VariableName'))
      return undefined;
    return items.map((e) => text(e, src));
  }
  return undefined;
}
