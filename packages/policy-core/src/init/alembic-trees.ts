import type { LayoutReader } from './layout-reader.js';
import { basename, dirnameSlash, joinRepoPath } from '../repo-paths.js';

/** An Alembic tree an alembic.ini names, with the section that names it (`alembic -n <section>`). */
export interface AlembicIniTree {
  versions: string;
  ini: string;
  /** The ini section; `alembic` is the one Alembic reads without `-n`. */
  section: string;
}

/** An Alembic section of an alembic.ini: where its script directory is, and its versions if named apart. */
interface IniSection {
  section: string;
  location: string;
  /** `version_locations` as written (several folders), when the section has one. */
  versionLocations?: string;
  /** How that list is split: `path_separator` (or the older `version_path_separator`), if given. */
  separator?: string;
  /** The location is `[DEFAULT]`'s, not the section's own. */
  inherited: boolean;
}

const KEYS = ['script_location', 'version_locations', 'path_separator', 'version_path_separator'];

/**
 * The Alembic sections of an alembic.ini, as ConfigParser reads it: Alembic reads `[alembic]`,
 * or the section `alembic -n <name>` names (several trees in one file, each with its own
 * alembic_version). A `[DEFAULT]` value is every section's; a named section is Alembic's when it
 * has a `script_location` or a `version_locations` of its own (the multi-database layout: one
 * script directory in `[DEFAULT]`, each database's versions in its section).
 */
export function scriptLocations(text: string): IniSection[] {
  const own = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of text.split(/\r?\n/)) {
    const section = /^\s*\[([^\]]+)\]/.exec(line);
    if (section) {
      const name = section[1]?.trim() ?? '';
      current = own.get(name) ?? new Map();
      own.set(name, current);
      continue;
    }
    const m = /^\s*([\w.]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (current && m?.[1] && KEYS.includes(m[1]) && !current.has(m[1])) current.set(m[1], m[2] ?? '');
  }
  const defaults = own.get('DEFAULT') ?? new Map<string, string>();
  const out: IniSection[] = [];
  for (const [section, keys] of own) {
    if (section === 'DEFAULT') continue;
    if (section !== 'alembic' && !keys.has('script_location') && !keys.has('version_locations')) continue;
    const value = (k: string) => keys.get(k) ?? defaults.get(k);
    const location = value('script_location');
    if (location === undefined) continue;
    const versionLocations = value('version_locations');
    const separator = value('path_separator') ?? value('version_path_separator');
    out.push({
      section,
      location,
      inherited: !keys.has('script_location'),
      ...(versionLocations !== undefined && versionLocations !== '' ? { versionLocations } : {}),
      ...(separator !== undefined ? { separator } : {}),
    });
  }
  // `[alembic]` first: it is the tree `alembic` runs without -n.
  return out.sort((a, b) => Number(b.section === 'alembic') - Number(a.section === 'alembic'));
}

/**
 * `version_locations` split as Alembic splits it: by `path_separator` (`os` is `:` here, or
 * `space`, `newline`, `;`, `:`), else, for an ini older than that key, on spaces and commas.
 */
function splitLocations(list: string, separator: string | undefined): string[] {
  const by: Record<string, RegExp> = { os: /:/, ':': /:/, ';': /;/, space: / +/, newline: /\n/ };
  const re = separator === undefined ? /[\s,]+/ : (by[separator.trim()] ?? /[\s,]+/);
  return list
    .split(re)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Where installed packages live: Alembic's own templates there are not a project's tree. */
const VENDORED = /(^|\/)(node_modules|\.venv|venv|site-packages)\//;

const exists = (versions: string, files: readonly string[], reader: LayoutReader) =>
  files.some((f) => f.startsWith(`${versions}/`)) || reader.isDirectory(versions);

/**
 * `pkg.sub:path` is a package resource: the folder `pkg/sub/path` wherever the package sits (the
 * ini's folder, `src/`, or deeper). One match is the tree; several, the one under the ini's
 * folder, else none is guessed.
 */
function packageTree(
  location: string,
  ini: string,
  files: readonly string[],
  sub: string,
): { versions: string } | { why: string } {
  const [pkg = '', path = ''] = location.split(/:(.*)/s);
  const rel = joinRepoPath(`${pkg.replace(/\./g, '/')}/`, path);
  if (rel === undefined || rel === '') return { why: 'names no folder inside its package' };
  const folder = `${rel}${sub}`;
  const tail = `${folder}/`;
  const found = new Set<string>();
  for (const f of files) {
    if (VENDORED.test(f)) continue;
    if (f.startsWith(tail)) found.add(folder);
    const at = f.indexOf(`/${tail}`);
    if (at >= 0) found.add(`${f.slice(0, at + 1)}${folder}`);
  }
  const near = [...found].filter((v) => v.startsWith(dirnameSlash(ini)));
  const pick = found.size === 1 ? [...found] : near.length === 1 ? near : [];
  if (pick[0] !== undefined) return { versions: pick[0] };
  return {
    why:
      found.size === 0
        ? `but no ${tail} exists in the repository; no Alembic tree`
        : `which matches ${found.size} folders (${[...found].slice(0, 3).join(', ')}); not guessed, add its versions folder by hand`,
  };
}

/**
 * A relative location as Alembic resolves it: from the working directory, which is the ini's
 * folder or one above it (`alembic -c backend/alembic.ini` from the root). The nearest folder
 * where the tree exists wins, so `backend/` + `backend/migrations` is not read twice over.
 */
function relativeTree(
  location: string,
  ini: string,
  files: readonly string[],
  reader: LayoutReader,
  sub: string,
): { versions: string } | { why: string } {
  const here = location.includes('%(here)s');
  const loc = location.replace(/%\(here\)s/g, '.');
  const bases: string[] = [];
  for (let b = dirnameSlash(ini); ; b = dirnameSlash(b.slice(0, -1))) {
    bases.push(b);
    if (b === '' || here) break;
  }
  const tried: string[] = [];
  for (const base of bases) {
    const tree = joinRepoPath(base, loc);
    if (tree === undefined) continue;
    const versions = `${tree}${sub}`.replace(/^\//, '');
    if (exists(versions, files, reader)) return { versions };
    tried.push(`${versions}/`);
  }
  if (tried.length === 0) return { why: 'leaves the repository; not followed' };
  const none = tried.length === 1 ? `${tried[0]} does not exist` : `none of ${tried.join(', ')} exists`;
  return { why: `but ${none}; no Alembic tree` };
}

/** Every tree an alembic.ini names, one per section, and one line per section on what was found. */
export function iniTrees(
  ini: string,
  files: readonly string[],
  reader: LayoutReader,
): { trees: AlembicIniTree[]; decisions: string[]; defaulted: boolean } {
  const named = scriptLocations(reader.readFile(ini) ?? '');
  // Without any: Flask-Migrate sets it in code; Alembic's default folder name is the guess.
  const sections: IniSection[] =
    named.length > 0 ? named : [{ section: 'alembic', location: '', inherited: false }];
  const trees: AlembicIniTree[] = [];
  const decisions: string[] = [];
  // Each section's folders, resolved once (a package location scans the whole listing).
  const resolved = sections.map((entry) => {
    const found = treesOf(entry, ini, files, reader);
    return { entry, found, hasTree: found.some((f) => 'versions' in f.found) };
  });
  for (const { entry, found, hasTree } of resolved) {
    const { section } = entry;
    const where = section === 'alembic' ? ini : `${ini} [${section}]`;
    const run = section === 'alembic' ? '' : `, run as alembic -n ${section}`;
    // `[DEFAULT]`'s script directory for named databases: `[alembic]` inherits it without being
    // one of them, so its missing versions/ is no news while the named sections have trees.
    if (
      section === 'alembic' &&
      entry.inherited &&
      !hasTree &&
      resolved.some((o) => o.entry !== entry && o.hasTree)
    )
      continue;
    for (const { said, found: one } of found) {
      if ('versions' in one) {
        trees.push({ versions: one.versions, ini, section });
        decisions.push(`${where} → ${one.versions}: Alembic tree (${said}${run})`);
      } else decisions.push(`${where}: ${said}, ${one.why}`);
    }
  }
  return { trees, decisions, defaulted: named.length === 0 };
}

/** The versions folders one section names: `version_locations` when it has them, else `script_location`'s versions/. */
function treesOf(
  entry: IniSection,
  ini: string,
  files: readonly string[],
  reader: LayoutReader,
): { said: string; found: { versions: string } | { why: string } }[] {
  const resolve = (raw: string, sub: string) => {
    const loc = raw.replace(/\\/g, '/');
    return /^[\w.]+:/.test(loc)
      ? packageTree(loc, ini, files, sub)
      : relativeTree(loc, ini, files, reader, sub);
  };
  if (entry.versionLocations !== undefined)
    return splitLocations(entry.versionLocations, entry.separator).map((raw) => ({
      said: `version_locations ${raw}`,
      found: resolve(raw, ''),
    }));
  const raw = entry.location === '' ? undefined : entry.location;
  return [
    {
      said: raw === undefined ? "no script_location, Alembic's default alembic" : `script_location ${raw}`,
      found: resolve(raw ?? 'alembic', '/versions'),
    },
  ];
}

/**
 * Every alembic.ini's trees, in path order, then the trees found by their shape (scriptDirectories)
 * that no ini named. An ini without any script_location that gave no tree is said only when no
 * tree of that shape sits in its folder: Flask-Migrate's ini names none, and its tree is found.
 */
export function alembicTrees(
  files: readonly string[],
  reader: LayoutReader,
): { trees: AlembicIniTree[]; shaped: string[]; decisions: string[] } {
  const trees: AlembicIniTree[] = [];
  const decisions: string[] = [];
  const shaped = scriptDirectories(files, reader);
  for (const ini of files.filter((f) => basename(f) === 'alembic.ini').sort()) {
    const found = iniTrees(ini, files, reader);
    trees.push(...found.trees);
    const base = dirnameSlash(ini);
    if (found.defaulted && found.trees.length === 0 && shaped.some((v) => v.startsWith(base))) continue;
    decisions.push(...found.decisions);
  }
  const named = new Set(trees.map((t) => t.versions));
  const more = shaped.filter((v) => !named.has(v));
  for (const v of more)
    decisions.push(`${dirnameSlash(v)}: env.py and script.py.mako beside versions/ → ${v}: Alembic tree`);
  return { trees, shaped: more, decisions };
}

/**
 * The `versions/` folder of every Alembic script directory, found by its shape: `env.py` and
 * `script.py.mako` beside `versions/`, which `alembic init` and Flask-Migrate's `flask db init`
 * both write. Needed because many projects' alembic.ini does not say where the tree is:
 * Flask-Migrate sets script_location in code.
 */
function scriptDirectories(files: readonly string[], reader: LayoutReader): string[] {
  const listed = new Set(files);
  const out: string[] = [];
  for (const mako of files) {
    if (basename(mako) !== 'script.py.mako' || VENDORED.test(mako)) continue;
    const dir = dirnameSlash(mako);
    const versions = `${dir}versions`;
    if (!listed.has(`${dir}env.py`)) continue;
    if (exists(versions, files, reader)) out.push(versions);
  }
  return out.sort();
}

/**
 * The alembic.ini section that names `versions`, for the command that runs that tree
 * (`alembic -n <section>`); `[alembic]` first when it names it too.
 */
export function iniSectionOf(
  versions: string,
  files: readonly string[],
  reader: LayoutReader,
): AlembicIniTree | undefined {
  for (const ini of files.filter((f) => basename(f) === 'alembic.ini').sort()) {
    const tree = iniTrees(ini, files, reader).trees.find((t) => t.versions === versions);
    if (tree) return tree;
  }
  return undefined;
}
