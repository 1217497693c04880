import { withoutTrailingSlashes } from '../trailing-slashes.js';
/**
 * Which files of a repository are Django migrations, and of which app: what `migrations.django`
 * names, without the Python parser (the path rules and `explain` ask too).
 */

/** The app label of a migrations folder (`shop/migrations` → `shop`), as Django derives it. */
export function djangoAppLabel(folder: string): string {
  const parts = folder.split('/').filter((p) => p !== '');
  if (parts[parts.length - 1] === 'migrations') parts.pop();
  return parts[parts.length - 1] ?? '';
}

/** Django loads every module of the folder not starting with `_` or `~`. */
export function isDjangoMigrationFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return (
    base.endsWith('.py') && !base.startsWith('_') && !base.startsWith('~') && !path.includes('/__pycache__/')
  );
}

/** The folders `migrations.django` names: folders as written, `*` one path segment, `**` any. */
export function djangoFolders(files: readonly string[], entries: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of entries) {
    const entry = withoutTrailingSlashes(raw.replace(/^\.?\//, ''));
    if (!entry.includes('*')) {
      out.add(entry);
      continue;
    }
    const re = new RegExp(
      `^${entry
        .split('/')
        .map((part) =>
          part === '**' ? '.*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'),
        )
        .join('/')}$`,
    );
    for (const f of files) {
      const dir = f.slice(0, Math.max(0, f.lastIndexOf('/')));
      if (isDjangoMigrationFile(f) && re.test(dir)) out.add(dir);
    }
  }
  return [...out].sort();
}
