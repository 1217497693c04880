import { dirnameSlash, joinRepoPath } from '../repo-paths.js';

/** How much of a file is looked through for an import and an array: a module of imports, no more. */
const MAX_CHARS = 256 * 1024;
/** How many names an array may list before it is left unread. */
const MAX_NAMES = 5000;

/**
 * The folders whose migration classes one array lists, when a TypeORM data source's `migrations`
 * is a name imported from a module of the repository (`migrations: postgresMigrations`, with
 * `export const postgresMigrations = [Init1693891895163, AddAuthTables1720230151482, ...]` in
 * `database/migrations/postgres/index.ts`, each class imported from its own file). Read, never
 * run: an import of the name, an array of plain names, and each name's import. Undefined when any
 * step is not that plain (a spread, a call, a name from a package). Counts by folder.
 */
export function migrationArrayFolders(
  config: string,
  src: string,
  name: string,
  read: (path: string) => string | undefined,
  exists: (path: string) => boolean,
): { file: string; folders: Map<string, number> } | undefined {
  const from = importOf(src.slice(0, MAX_CHARS), name);
  const file = from === undefined ? undefined : resolveModule(config, from, exists);
  const text = file === undefined ? undefined : read(file)?.slice(0, MAX_CHARS);
  if (file === undefined || text === undefined) return undefined;
  const names = arrayNames(text, name);
  if (!names) return undefined;
  const folders = new Map<string, number>();
  for (const n of names) {
    const spec = importOf(text, n);
    const module = spec === undefined ? undefined : resolveModule(file, spec, exists);
    if (module === undefined) return undefined;
    const folder = dirnameSlash(module).replace(/\/$/, '');
    folders.set(folder, (folders.get(folder) ?? 0) + 1);
  }
  return { file, folders };
}

/** The module a name is imported from (`import { a, b as name } from './x'`). */
function importOf(src: string, name: string): string | undefined {
  for (const m of src.matchAll(
    /\bimport\s+(?:type\s+)?\{([^}]{0,20000})\}\s*from\s*(['"])([^'"\n]{1,500})\2/g,
  )) {
    for (const spec of (m[1] ?? '').split(',')) {
      const local = spec
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (local === name) return m[3];
    }
  }
  return undefined;
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

/** The plain names of `export const name = [A, B, ...]`; undefined for anything else in it. */
function arrayNames(text: string, name: string): string[] | undefined {
  const start = new RegExp(`\\bconst\\s+${name}\\b[^=;]{0,200}=\\s*\\[`).exec(text);
  if (!start) return undefined;
  const open = start.index + start[0].length;
  const close = text.indexOf(']', open);
  if (close === -1) return undefined;
  const body = text
    .slice(open, close)
    .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (body.length === 0 || body.length > MAX_NAMES) return undefined;
  return body.every((s) => /^[A-Za-z_$][\w$]*$/.test(s)) ? body : undefined;
}
