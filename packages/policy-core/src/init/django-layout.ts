import { djangoAppLabel, djangoFolders } from '../migrations/django-files.js';
import { djangoSettingsEntryPoints, djangoSettingsModules } from '../migrations/django-settings-files.js';
import { LAYOUTS } from '../layouts/layouts.js';
import { dirnameSlash } from '../repo-paths.js';
import type { LayoutReader } from './layout-reader.js';

/** What init proposes for Django: the `migrations.django` entries, the app folders they name. */
export interface DjangoLayout {
  /** `migrations.django`: a glob where one names exactly a group of app folders, else each folder. */
  entries: string[];
  /** The app folders (`shop/migrations`), sorted. */
  folders: string[];
  decisions: string[];
}

/** The layout table's Django entry: the one test of "imports django.db" (layouts.ts). */
const DJANGO = LAYOUTS.find((l) => l.id === 'django');
/** What Django's `makemigrations` names a migration: `0001_initial.py`. */
const NUMBERED = /(^|\/)migrations\/\d{4}_[^/]*\.py$/;
/** Installed packages and caches: a library's migrations are not the project's. */
const VENDORED = /(^|\/)(node_modules|\.venv|venv|site-packages|__pycache__)\//;

/**
 * The Django apps' migrations folders of a repository: a `migrations/` folder holding numbered
 * modules (`0001_*.py`), one of which imports django.db. Written as short as stays exact: the
 * folders that differ only in the app's name (`apps/*\/migrations`) as one glob when that glob
 * takes those folders and no other (Django's loader would read any module in a folder it names).
 */
export function detectDjango(files: readonly string[], reader: LayoutReader): DjangoLayout {
  const byFolder = new Map<string, string[]>();
  for (const f of files) {
    if (!NUMBERED.test(f) || VENDORED.test(f)) continue;
    const folder = dirnameSlash(f).slice(0, -1);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), f]);
  }
  // One module that imports django.db makes the folder Django's (sniffed until one does).
  const folders = [...byFolder]
    .filter(([, mine]) => mine.some((f) => DJANGO?.sniff?.(reader.readFile(f) ?? '') === true))
    .map(([folder]) => folder)
    .sort();
  const groups = new Map<string, string[]>();
  for (const folder of folders) {
    const app = dirnameSlash(folder).slice(0, -1);
    const glob = app !== '' ? `${dirnameSlash(app)}*/migrations` : folder;
    groups.set(glob, [...(groups.get(glob) ?? []), folder]);
  }
  const entries: string[] = [];
  const decisions: string[] = [];
  for (const [glob, mine] of groups) {
    const exact = mine.length > 1 && sameList(djangoFolders(files, [glob]), mine);
    for (const entry of exact ? [glob] : mine) {
      const apps = exact ? mine : [entry];
      const count = apps.reduce((n, a) => n + (byFolder.get(a)?.length ?? 0), 0);
      entries.push(entry);
      decisions.push(
        `${entry}: ${count} Django migration${count === 1 ? '' : 's'} of ${apps.length === 1 ? 'app' : `${apps.length} apps:`} ${apps.map(djangoAppLabel).join(', ')}; checked as Django migrations (migrations.django)`,
      );
    }
  }
  return { entries: entries.sort(), folders, decisions };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The Django settings modules MIG037 reads (a `lock_timeout` there silences it) and the entry
 * points whose `DJANGO_SETTINGS_MODULE` default picks which of them production loads: policy
 * surface, as Alembic's env.py is (init protects the whole Alembic tree).
 */
export function djangoSettingsSurface(files: readonly string[], reader: LayoutReader): string[] {
  const entries = djangoSettingsEntryPoints(files).filter((p) =>
    (reader.readFile(p) ?? '').includes('DJANGO_SETTINGS_MODULE'),
  );
  return [...djangoSettingsModules(files), ...entries];
}
