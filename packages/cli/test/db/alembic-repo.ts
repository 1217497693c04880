import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** An Alembic migration file as `alembic revision` writes it. */
export function migration(rev: string, down: string | null, upgrade: string[], title = rev): string {
  return `"""${title}

Revision ID: ${rev}
Revises: ${down ?? ''}
Create Date: 2026-01-01 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = '${rev}'
down_revision = ${down === null ? 'None' : `'${down}'`}
branch_labels = None
depends_on = None


def upgrade() -> None:
${upgrade.length ? upgrade.map((l) => `    ${l}`).join('\n') : '    pass'}


def downgrade() -> None:
    pass
`;
}

/** A git repository (files tracked) with a policy and an Alembic tree. */
export function alembicRepo(policy: string, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'slipway-stamp-'));
  writeFileSync(join(root, 'slipway.yaml'), policy);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '.'], { cwd: root });
  return root;
}
