import TOML from '@iarna/toml';
import { LIMITS, nestingPastLimit } from '../limits.js';
import { tomlParseError } from './toml-error.js';

/**
 * `uv.lock` and `poetry.lock`: both are TOML with one `[[package]]` table per locked
 * distribution (`name`, `version`). @iarna/toml validates and reads the values; the offsets of
 * each package's `name` and `version` values are recovered by a scan of the top-level keys of
 * each `[[package]]` table, since the TOML reader keeps no positions.
 */
export interface TomlPackage {
  name: string;
  version?: string;
  /** uv: the project itself (`source = { editable = "." }` or `virtual`) is not a dependency. */
  isProject: boolean;
  hashed: boolean;
  start: number;
  end: number;
  versionStart: number;
  versionEnd: number;
  /** The packages this one needs, as the lock lists them (names as written; optional ones left out). */
  needs: string[];
}

export interface TomlLock {
  packages: TomlPackage[];
  error?: { message: string; offset: number };
}

type Table = Record<string, unknown>;

function locate(text: string): { start: number; name?: [number, number]; version?: [number, number] }[] {
  const out: { start: number; name?: [number, number]; version?: [number, number] }[] = [];
  const re =
    /^[ \t]*(\[\[package\]\]|\[[^\n]*\]|name[ \t]*=[ \t]*"([^"\n]*)"|version[ \t]*=[ \t]*"([^"\n]*)")/gm;
  let current: (typeof out)[number] | undefined;
  for (const m of text.matchAll(re)) {
    const head = m[1] as string;
    if (head === '[[package]]') {
      current = { start: m.index };
      out.push(current);
    } else if (head.startsWith('[')) current = undefined;
    else if (current && m[2] !== undefined && !current.name) {
      const at = m.index + m[0].length - 1 - m[2].length;
      current.name = [at, at + m[2].length];
    } else if (current && m[3] !== undefined && !current.version) {
      const at = m.index + m[0].length - 1 - m[3].length;
      current.version = [at, at + m[3].length];
    }
  }
  return out;
}

export function readTomlLock(text: string, format: 'uv' | 'poetry'): TomlLock {
  // Deeper than any lock writes, and a cost the TOML reader would pay in recursion.
  const max = LIMITS.requirements.tomlDepth;
  const deep = nestingPastLimit(text, max);
  if (deep >= 0)
    return {
      packages: [],
      error: { message: `lists and tables nest more than ${max} levels deep`, offset: deep },
    };
  let data: Table;
  try {
    data = TOML.parse(text) as Table;
  } catch (e) {
    return { packages: [], error: tomlParseError(e, text) };
  }
  const tables = Array.isArray(data.package) ? (data.package as Table[]) : [];
  const spans = locate(text);
  const packages: TomlPackage[] = [];
  tables.forEach((t, i) => {
    const span = spans[i];
    const source = (t.source ?? {}) as Table;
    const hashed =
      format === 'uv'
        ? Boolean((t.sdist as Table | undefined)?.hash) ||
          (Array.isArray(t.wheels) && t.wheels.some((w) => (w as Table).hash))
        : Array.isArray(t.files) && t.files.some((f) => (f as Table).hash);
    const pkg: TomlPackage = {
      name: String(t.name ?? ''),
      isProject: format === 'uv' && ('editable' in source || 'virtual' in source),
      hashed,
      start: span?.name?.[0] ?? span?.start ?? 0,
      end: span?.name?.[1] ?? span?.start ?? 0,
      versionStart: span?.version?.[0] ?? -1,
      versionEnd: span?.version?.[1] ?? -1,
      needs: format === 'uv' ? uvNeeds(t) : poetryNeeds(t),
    };
    if (typeof t.version === 'string') pkg.version = t.version;
    packages.push(pkg);
  });
  return { packages };
}

/**
 * uv: `dependencies = [{ name = "x", ... }]`, and each extra's and dev group's list
 * (`[package.optional-dependencies]`, `[package.dev-dependencies]`): a universal lock pins all of them.
 */
function uvNeeds(t: Table): string[] {
  const lists: unknown[] = [t.dependencies];
  for (const key of ['optional-dependencies', 'dev-dependencies']) {
    const groups = t[key];
    if (groups && typeof groups === 'object') lists.push(...Object.values(groups as Table));
  }
  const out: string[] = [];
  for (const list of lists)
    if (Array.isArray(list))
      for (const d of list)
        if (d && typeof (d as Table).name === 'string') out.push((d as Table).name as string);
  return out;
}

/**
 * Poetry: the keys of `[package.dependencies]`, except one marked `optional = true` (an extra's,
 * locked only when something asks for that extra) or gated on the Python version (Poetry leaves
 * out what the project's own Python range never needs: not knowing that range here, no claim).
 */
function poetryNeeds(t: Table): string[] {
  const deps = t.dependencies;
  if (!deps || typeof deps !== 'object' || Array.isArray(deps)) return [];
  const out: string[] = [];
  for (const [name, spec] of Object.entries(deps as Table)) {
    const specs = Array.isArray(spec) ? spec : [spec];
    const skipped = (x: unknown) =>
      !!x &&
      typeof x === 'object' &&
      ((x as Table).optional === true || /python_(full_)?version/.test(String((x as Table).markers ?? '')));
    if (specs.every(skipped)) continue;
    out.push(name);
  }
  return out;
}
