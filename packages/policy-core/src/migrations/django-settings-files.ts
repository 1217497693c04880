/**
 * Which Django settings modules decide how production's migrations connect, found by path (no
 * parser): MIG037 reads them for a `lock_timeout` set on every connection, and init protects
 * them (with the entry points that name the settings module), so that an agent cannot silence
 * MIG037 by editing them without a protected-path finding.
 */

/** Django settings modules: `settings.py`, or a module of a `settings/` package (`settings/production.py`). */
const SETTINGS = /(^|\/)(settings\.py|settings\/(?!_)[^/]+\.py|settings\/__init__\.py)$/;
/** Settings for tests or local development say nothing about the connection production migrates on. */
const NOT_PRODUCTION =
  /(^|\/)(tests?|testing)\/|(^|\/)settings\/[^/]*(test|local|dev)[^/]*\.py$|test_settings/;
/** Installed packages and caches: a library's settings are not the project's. */
const VENDORED = /(^|\/)(node_modules|\.venv|venv|site-packages|__pycache__)\//;
/** Where Django projects name their default settings module (`DJANGO_SETTINGS_MODULE`). */
const ENTRY_POINTS = /(^|\/)(manage|wsgi|asgi)\.py$/;
/** Enough settings modules for a project; a huge tree is not read file by file. */
const MAX_READ = 16;

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The settings modules MIG037 reads, in the order it reads them. */
export function djangoSettingsModules(files: readonly string[]): string[] {
  return files
    .filter((f) => SETTINGS.test(f) && !NOT_PRODUCTION.test(f) && !VENDORED.test(f))
    .sort(byCodeUnit)
    .slice(0, MAX_READ);
}

/** `manage.py`, `wsgi.py`, `asgi.py`: the files whose `DJANGO_SETTINGS_MODULE` default picks the settings. */
export function djangoSettingsEntryPoints(files: readonly string[]): string[] {
  return files
    .filter((f) => ENTRY_POINTS.test(f) && !VENDORED.test(f))
    .sort(byCodeUnit)
    .slice(0, MAX_READ);
}

/** `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.production")`, and `environ[...] = "..."`. */
const NAMED_MODULE = /DJANGO_SETTINGS_MODULE["']\s*(?:,|\]\s*=)\s*["']([\w.]+)["']/g;
/** `from .base import *`, `from mysite.settings.base import X`: a module the settings load. */
const IMPORTED = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]/gm;

/**
 * The settings modules (of `modules`) production is known to load: those an entry point names as
 * its DJANGO_SETTINGS_MODULE default, or, when none names one of them, a lone `settings.py`, a
 * package's `__init__.py` and a module whose name says production (`prod.py`, `production.py`);
 * and what those import (`from .base import *`). Which one runs is DJANGO_SETTINGS_MODULE's choice
 * at run time: any other module may not be loaded at all. Where an entry point names a module, a
 * name alone (`settings/prod_tuning.py`) vouches for nothing.
 */
export function loadedSettingsModules(
  modules: readonly string[],
  entryPoints: readonly string[],
  read: (path: string) => string | undefined,
): Set<string> {
  const named = entryPoints.flatMap((p) => [...(read(p) ?? '').matchAll(NAMED_MODULE)].map((m) => m[1]!));
  const namedHere = modules.filter((path) => named.some((dotted) => isModule(path, dotted)));
  const byConvention = modules.filter((path) => {
    const base = path.slice(path.lastIndexOf('/') + 1);
    return base === '__init__.py' || !path.endsWith(`settings/${base}`) || /prod/.test(base);
  });
  const loaded = new Set(namedHere.length > 0 ? namedHere : byConvention);
  const queue = [...loaded];
  while (queue.length > 0) {
    const from = queue.pop()!;
    for (const m of (read(from) ?? '').matchAll(IMPORTED)) {
      const target = modules.find((p) => !loaded.has(p) && importsModule(from, m[1]!, p));
      if (target) {
        loaded.add(target);
        queue.push(target);
      }
    }
  }
  return loaded;
}

/** True when `path` is the module `dotted` names (`a.b.c` → `…a/b/c.py` or `…a/b/c/__init__.py`). */
function isModule(path: string, dotted: string): boolean {
  const rel = dotted.replace(/\./g, '/');
  return [`${rel}.py`, `${rel}/__init__.py`].some((s) => path === s || path.endsWith(`/${s}`));
}

/** True when `from <spec> import` in the module at `from` imports the module at `path`. */
function importsModule(from: string, spec: string, path: string): boolean {
  const dots = /^\.*/.exec(spec)![0].length;
  if (dots === 0) return isModule(path, spec);
  // Relative: one dot is the importing module's package, each further dot one package up.
  let pkg = from.slice(0, from.lastIndexOf('/'));
  for (let i = 1; i < dots; i++) pkg = pkg.slice(0, Math.max(pkg.lastIndexOf('/'), 0));
  const rest = spec.slice(dots).replace(/\./g, '/');
  const base = [pkg, rest].filter((p) => p !== '').join('/');
  return path === `${base}.py` || path === `${base}/__init__.py`;
}
