import type { RepoView } from '../repo.js';
import type { HelperCall } from './helper-call.js';

// Which file of the repository a module a revision imports is (helper-modules.ts). Python finds
// `app.db` on sys.path; what is on it when Alembic runs is set by the project, so Slipway reads a
// bounded, documented set of roots that covers how Alembic projects put their application there:
//   - the folder of an alembic.ini above the revision (`prepend_sys_path = .`, Alembic's template);
//   - the parent of the migration environment (the folder holding env.py above the revision: the
//     `sys.path.insert(0, dirname(dirname(__file__)))` of many env.py files);
//   - the revision's own folder, and the repository's top.
// A relative import (`from .helpers import x`) is read from the importing file's folder. A module
// that is a file under more than one root is read in each (which one Python imports depends on
// sys.path's order). Nothing outside the repository is read: a relative import that climbs out
// of it is said; links out are refused by the RepoView like any file.

/** What resolving finds: files to read, or a reason the module is not read. */
export type ModuleFiles = { paths: string[] } | { outside: string } | { none: true };

/** What resolving needs, built once per analysis. */
export interface ModuleIndex {
  repo: RepoView;
  listed?: Set<string>;
}

const folderOf = (path: string): string[] => path.split('/').slice(0, -1);

/** The roots an absolute import is looked for under, for a file at `from`. */
function roots(from: string, listed: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  const parts = folderOf(from);
  for (let n = parts.length; n >= 0; n--) {
    const folder = parts.slice(0, n).join('/');
    const prefix = folder === '' ? '' : `${folder}/`;
    if (listed.has(`${prefix}alembic.ini`)) out.add(folder);
    if (listed.has(`${prefix}env.py`) && n > 0) out.add(parts.slice(0, n - 1).join('/'));
  }
  out.add(parts.join('/'));
  out.add('');
  return [...out];
}

/** The files that may be `call.module` for code at `from`: `m.py` or `m/__init__.py` under each root. */
export function moduleFiles(call: HelperCall, from: string, index: ModuleIndex): ModuleFiles {
  index.listed ??= new Set(index.repo.listFiles());
  const listed = index.listed;
  const dotted = call.module === '' ? [] : call.module.split('.');
  let bases: string[][];
  if (call.level > 0) {
    const folder = folderOf(from);
    if (call.level - 1 > folder.length)
      return { outside: `${'.'.repeat(call.level)}${call.module} climbs out of the repository from ${from}` };
    bases = [folder.slice(0, folder.length - (call.level - 1))];
  } else bases = roots(from, listed).map((r) => (r === '' ? [] : r.split('/')));
  const paths: string[] = [];
  for (const base of bases) {
    const at = [...base, ...dotted].join('/');
    const candidates = dotted.length === 0 ? [`${at}/__init__.py`] : [`${at}.py`, `${at}/__init__.py`];
    for (const c of candidates) {
      const path = c.startsWith('/') ? c.slice(1) : c;
      if (listed.has(path) && !paths.includes(path)) paths.push(path);
    }
  }
  return paths.length > 0 ? { paths } : { none: true };
}
