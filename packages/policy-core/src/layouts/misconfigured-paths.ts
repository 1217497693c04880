import { isVersionFile, normaliseRoot } from '../migrations/version-files.js';
import { PathMatcher } from '../paths/index.js';
import type { PolicyDocument, PolicyPath } from '../policy/document.js';
import { writtenByBase } from '../policy/extends/merge-policy.js';
import { describeUnjudged } from './coverage.js';
import type { JudgedPaths } from './judged-paths.js';
import { type LayoutRepo, unjudgedLayouts } from './unjudged-layouts.js';

/** A configured migration path whose files are not what its key reads: where, and what they are. */
export interface MisconfiguredPath {
  /** The key's entry in the policy (`['migrations', 'alembic', 0]`). */
  at: PolicyPath;
  /** One clause: "`shop/migrations` under `migrations.alembic` holds 2 Django migrations (…)". */
  problem: string;
}

const JUDGES_NOTHING: JudgedPaths = {
  'migrations.alembic': () => false,
  'migrations.django': () => false,
  'migrations.knex': () => false,
  'migrations.typeorm': () => false,
  'migrations.sequelize': () => false,
  'migrations.kysely': () => false,
  'migrations.mikro_orm': () => false,
  'migrations.sql': () => false,
  dependencies: () => false,
};
/** `revision = "…"` (or annotated, `revision: str = …`) at the start of a line: what Alembic requires. */
const DECLARES_REVISION = /^revision[ \t]*(:[^=\n]*)?=/m;
const SNIFF_FILES = 2000;

/**
 * The `migrations.alembic` folders and `migrations.sql` patterns whose files are not what the key
 * says: Django (or any non-Alembic) Python under `alembic`, a folder where no file declares a
 * revision, a `sql` pattern that matches only files that are not `.sql`. Entries a
 * shared base wrote are not judged (a base need not fit every repository). Pure.
 */
export function misconfiguredPaths(repo: LayoutRepo, doc: PolicyDocument): MisconfiguredPath[] {
  const section = doc.policy.migrations;
  if (!section) return [];
  const files = repo.listFiles();
  const out: MisconfiguredPath[] = [];
  const own = (at: PolicyPath) => !writtenByBase(doc, at);
  const alembic = section.alembic;
  const roots =
    alembic === undefined
      ? []
      : typeof alembic === 'string'
        ? [{ raw: alembic, at: [] }]
        : alembic.map((raw, i) => ({ raw, at: [i] }));
  for (const { raw, at } of roots) {
    const path: PolicyPath = ['migrations', 'alembic', ...at];
    const root = normaliseRoot(raw);
    const prefix = root === '' ? '' : `${root}/`;
    const py = files.filter((f) => f.startsWith(prefix) && isVersionFile(f));
    if (py.length === 0 || !own(path)) continue; // an empty or missing folder: POL002 says so
    const looks = lookOf(repo, py);
    const django = looks.find((l) => l.startsWith('django:'));
    const sampled = py.slice(0, SNIFF_FILES);
    const revisions = sampled.filter((f) => DECLARES_REVISION.test(repo.readFile(f) ?? 'revision ='));
    if (django)
      out.push({
        at: path,
        problem: `\`${raw}\` under \`migrations.alembic\` holds ${django.slice('django:'.length)}, not Alembic revisions: the Alembic reader judges none of them; name the folder under \`migrations.django\``,
      });
    else if (revisions.length === 0)
      out.push({
        at: path,
        problem: `\`${raw}\` under \`migrations.alembic\` holds ${py.length} Python file${py.length === 1 ? '' : 's'} and none declares \`revision\`${looks.length ? ` (${looks.map((l) => l.slice(l.indexOf(':') + 1)).join(', ')})` : ''}: they are not Alembic revisions, and nothing in them is judged`,
      });
  }
  (section.sql ?? []).forEach((pattern, i) => {
    const path: PolicyPath = ['migrations', 'sql', i];
    if (pattern.startsWith('!') || !own(path)) return;
    const matcher = new PathMatcher([pattern]);
    const matched = files.filter((f) => matcher.matches(f));
    // A pattern that matches nothing: POL002 says so, as for a missing Alembic folder.
    if (matched.length === 0) return;
    if (matched.some((f) => f.endsWith('.sql'))) return;
    const looks = lookOf(repo, matched).map((l) => l.slice(l.indexOf(':') + 1));
    const exts = [...new Set(matched.map((f) => /\.[^./]+$/.exec(f)?.[0] ?? 'extensionless'))].slice(0, 3);
    out.push({
      at: path,
      problem: `\`${pattern}\` under \`migrations.sql\` matches ${matched.length} file${matched.length === 1 ? '' : 's'} and none is a .sql file (${looks.length ? looks.join(', ') : exts.join(', ')}): the SQL reader reads only .sql files, so nothing in them is judged`,
    });
  });
  return out;
}

/** What `files` look like by the layout table: "django:2 Django migrations under shop/migrations/". */
function lookOf(repo: LayoutRepo, files: readonly string[]): string[] {
  const only: LayoutRepo = {
    listFiles: () => files,
    readFile: (p) => repo.readFile(p),
    ...(repo.whyUnread ? { whyUnread: (p: string) => repo.whyUnread?.(p) } : {}),
  };
  return unjudgedLayouts(only, JUDGES_NOTHING).map((l) => `${l.entry.id}:${describeUnjudged(l)}`);
}
