import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real Alembic histories laid out as a project keeps them, for the first-hour tests: Glance's is
 * committed beside these tests, the others come from the corpus cache `scripts/fetch-corpus.sh`
 * fills (OpenStack's Debian packages), when it is there.
 */
const COMMITTED = fileURLToPath(new URL('./alembic/', import.meta.url));
const CACHE = join(
  process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'),
  'alembic',
);
export const TREES = ['glance', 'ironic', 'octavia', 'magnum'];

/** The tree's versions folder (cache first, then the committed copy), or undefined. */
export function versionsOf(name: string): string | undefined {
  for (const root of [CACHE, COMMITTED]) {
    const dir = join(root, name, 'versions');
    if (existsSync(dir)) return dir;
  }
  return undefined;
}

/** The trees present on this machine: Glance always, the rest once the cache holds them. */
export function presentTrees(): [string, string][] {
  return TREES.flatMap((n) => {
    const v = versionsOf(n);
    return v === undefined ? [] : [[n, v] as [string, string]];
  });
}

/** Every file under `dir` (Python revisions, and any SQL they keep beside them), by relative path. */
export function filesUnder(dir: string, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.endsWith('.pyc')) out[`${prefix}/${relative(dir, full)}`] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** A project around a history: alembic.ini naming the tree, env.py, the revisions. */
export function alembicProject(name: string, versions: string): Record<string, string> {
  return {
    'alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\n',
    'migrations/env.py': 'from alembic import context\n',
    'migrations/script.py.mako': '"""A new revision."""\n',
    ...filesUnder(versions, 'migrations/versions'),
    'README.md': `${name}'s migrations\n`,
  };
}

/**
 * A new revision on `head` that drops a column, with Alembic's own generated header so that it
 * reads as the project's others do; `allow` puts a suppression comment above the drop.
 */
export function newRevision(head: string, allow?: string): string {
  return `"""drop the legacy column

Revision ID: ffff00000001
Revises: ${head}
Create Date: 2026-11-25 12:00:00.000000

"""
from alembic import op

revision = 'ffff00000001'
down_revision = '${head}'
branch_labels = None
depends_on = None


def upgrade():
${allow ? `    # slipway: allow ${allow}\n` : ''}    op.drop_column('images', 'legacy')


def downgrade():
    raise NotImplementedError("irreversible: the column's data is gone")
`;
}
