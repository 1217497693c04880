import type { MigrationAnalysis } from './analyze.js';

/**
 * The Django migration files a production database's `django_migrations` says have run (rows as
 * `app.name`): Django records every migration it applies, so a file is applied when its row is
 * there, or (a squash) when every migration it replaces is (loader.py's rule). Rows of the
 * covered apps that name no file here are said in `notes`; other apps' rows are not this
 * repository's (Django's contrib apps, installed packages).
 */
export function appliedInDjangoDatabase(
  name: string,
  rows: readonly string[],
  analysis: MigrationAnalysis,
  notes: string[],
): Set<string> {
  const recorded = new Set(rows);
  const files = new Set<string>();
  const known = new Set<string>();
  const apps = new Set<string>();
  for (const tree of analysis.trees) {
    if (tree.django === undefined) continue;
    apps.add(tree.django);
    for (const m of tree.modules) {
      const d = m.django;
      if (!d || !m.revision) continue;
      const key = `${d.app}.${m.revision.value}`;
      const replaced = d.replaces.map((r) => `${r.app}.${r.name}`);
      for (const k of [key, ...replaced]) known.add(k);
      const squashDone = replaced.length > 0 && replaced.every((r) => recorded.has(r));
      if (replaced.length > 0 ? squashDone : recorded.has(key)) files.add(m.path);
    }
  }
  const unknown = rows.filter((r) => apps.has(r.slice(0, r.indexOf('.'))) && !known.has(r));
  if (unknown.length > 0)
    notes.push(
      `database ${name}'s django_migrations records ${unknown.length === 1 ? 'a migration' : `${unknown.length} migrations`} this checkout does not have (${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ', …' : ''}): nothing is treated as applied for ${unknown.length === 1 ? 'it' : 'them'}`,
    );
  return files;
}
