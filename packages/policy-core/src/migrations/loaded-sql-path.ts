import { groupBy } from '../group-by.js';
import type { RepoView } from '../repo.js';
import type { SchemaOp } from './schema-op.js';
import { MODULE_FILE, SUFFIX } from './sql-load-path.js';
import type { SqlLoadTarget } from './sql-load-target.js';

// Where a file a revision reads lives in the repository (loaded-sql.ts): its path from the
// revision's folder, the directory alembic runs in, or a package's folder; or why it has none.

/** What resolving needs: the repository, and the analyzer's reader of a file's statements. */
export interface LoadReader {
  repo: RepoView;
  ops(path: string, text: string): SchemaOp[];
  /** Files by base name, built on first use (a package resource is found by its path's end). */
  byBaseName?: Map<string, string[]>;
  /** Folders holding an alembic.ini, built on first use: where `alembic` may be run from. */
  iniFolders?: Set<string>;
  /** The listed files, built on first use. */
  listed?: Set<string>;
}

const folderParts = (path: string) => path.split('/').slice(0, -1);
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export type Resolved = { path: string } | { paths: string[] } | { outside: string } | { unresolved: string };

/**
 * `parts` after `start`, `..` applied. `above` counts the `..` that climb above the repository's
 * top: such a path is outside it, shown as `../x.sql`.
 */
function walk(start: string[], parts: readonly string[], module: string): { parts: string[]; above: number } {
  const out = [...start];
  let above = 0;
  for (const part of parts) {
    if (part === '..') {
      if (out.length === 0) above++;
      else out.pop();
    } else if (part.startsWith(MODULE_FILE)) out.push(moduleFileName(part, module));
    else if (part !== '.' && part !== '') out.push(part);
  }
  return { parts: out, above };
}

/** `parts` after `start` as a path in the repository; undefined when it climbs out of it. */
function normalise(start: string[], parts: readonly string[], module: string): string[] | undefined {
  const w = walk(start, parts, module);
  return w.above > 0 ? undefined : w.parts;
}

/** A path that climbs out of the repository, as a person would write it from the top: `../x.sql`. */
function shownOutside(start: string[], parts: readonly string[], module: string): string {
  const w = walk(start, parts, module);
  return [...Array<string>(w.above).fill('..'), ...w.parts].join('/');
}

/** A target as a repository path. A relative literal is read from the repository's top. */
export function resolve(
  target: Exclude<SqlLoadTarget, { kind: 'each' }>,
  module: string,
  reader: LoadReader,
): Resolved {
  if (target.kind === 'unresolved') return { unresolved: target.reason };
  if (target.kind === 'file') {
    if (target.from === 'absolute') return { outside: `/${target.parts.join('/')}` };
    if (target.from === 'cwd') return fromWorkingDirectory(target.parts, module, reader);
    const start = folderParts(module);
    const parts = normalise(start, target.parts, module);
    return parts === undefined || parts.length === 0
      ? { outside: shownOutside(start, target.parts, module) }
      : { path: parts.join('/') };
  }
  // A package's file: the revision's own package, or a listed file whose path ends in the
  // package's folder and the name. More than one such file: which one Python imports is not known.
  if (target.pkg === '') {
    const parts = normalise(folderParts(module), target.parts, module);
    return parts === undefined
      ? { outside: shownOutside(folderParts(module), target.parts, module) }
      : { path: parts.join('/') };
  }
  const tail = normalise(target.pkg.split('.'), target.parts, module);
  if (tail === undefined || tail.length === 0) return { outside: target.written };
  const suffix = tail.join('/');
  reader.byBaseName ??= groupBy(reader.repo.listFiles(), baseName);
  const found = (reader.byBaseName.get(baseName(suffix)) ?? []).filter(
    (p) => p === suffix || p.endsWith(`/${suffix}`),
  );
  if (found.length === 1) return { path: found[0] as string };
  if (found.length === 0) return { path: suffix };
  return { unresolved: `more than one file is ${suffix} of a package: ${found.slice(0, 3).join(', ')}` };
}

/**
 * A relative path is read from the directory `alembic` runs in: the repository's top, or a folder
 * above the revision that holds an alembic.ini. Every one of those where the file exists is judged
 * (which one runs depends on where a person types the command); none: the top's, reported missing.
 */
function fromWorkingDirectory(parts: readonly string[], module: string, reader: LoadReader): Resolved {
  if (reader.iniFolders === undefined) {
    reader.iniFolders = new Set();
    for (const f of reader.repo.listFiles())
      if (baseName(f) === 'alembic.ini') reader.iniFolders.add(f.slice(0, Math.max(0, f.lastIndexOf('/'))));
  }
  const folders = [''];
  const above = folderParts(module);
  for (let n = above.length; n > 0; n--) {
    const folder = above.slice(0, n).join('/');
    if (reader.iniFolders.has(folder)) folders.push(folder);
  }
  const paths: string[] = [];
  for (const folder of folders) {
    const resolved = normalise(folder === '' ? [] : folder.split('/'), parts, module);
    if (resolved !== undefined && resolved.length > 0) paths.push(resolved.join('/'));
  }
  if (paths.length === 0) return { outside: shownOutside([], parts, module) };
  reader.listed ??= new Set(reader.repo.listFiles());
  const present = paths.filter((p) => reader.listed?.has(p));
  return { paths: present.length > 0 ? present : [paths[0] as string] };
}

/** The revision's own file name, with the suffix `Path(__file__).with_suffix(...)` gave it. */
function moduleFileName(part: string, module: string): string {
  const base = baseName(module);
  const rest = part.slice(MODULE_FILE.length);
  if (!rest.startsWith(SUFFIX)) return base;
  const dot = base.lastIndexOf('.');
  return `${dot > 0 ? base.slice(0, dot) : base}${rest.slice(SUFFIX.length)}`;
}
