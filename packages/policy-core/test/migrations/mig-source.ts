/** Builds small Alembic migration texts for tests. */
export function migration(
  rev: string,
  down: string | string[] | null,
  upgrade = 'pass',
  opts: { labels?: string[]; downgrade?: string } = {},
): string {
  const downLit =
    down === null ? 'None' : Array.isArray(down) ? `(${down.map((d) => `'${d}'`).join(', ')})` : `'${down}'`;
  const labels = opts.labels ? `(${opts.labels.map((l) => `'${l}',`).join(' ')})` : 'None';
  const indent = (body: string) =>
    body
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
  return [
    `"""${rev}`,
    '',
    `Revision ID: ${rev}`,
    `Revises: ${down === null ? '' : Array.isArray(down) ? down.join(', ') : down}`,
    '"""',
    'import sqlalchemy as sa',
    'from alembic import op',
    '',
    `revision = '${rev}'`,
    `down_revision = ${downLit}`,
    `branch_labels = ${labels}`,
    'depends_on = None',
    '',
    '',
    'def upgrade():',
    indent(upgrade),
    '',
    '',
    'def downgrade():',
    indent(opts.downgrade ?? 'pass'),
    '',
  ].join('\n');
}
