import type { RuleExample } from '../../rule.js';

/**
 * A documentation example: a whole Alembic revision file around the lines that matter, so that
 * the registry test can run it through the rule exactly as a repository would hold it.
 */
export function migrationExample(
  verdict: RuleExample['verdict'],
  name: string,
  upgrade: string,
  downgrade = 'pass',
): RuleExample {
  const body = (code: string) =>
    code
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
  return {
    verdict,
    file: `alembic/versions/b2c3d4e5f6a7_${name}.py`,
    text: [
      'import sqlalchemy as sa',
      'from alembic import op',
      '',
      'revision = "b2c3d4e5f6a7"',
      'down_revision = None',
      '',
      '',
      'def upgrade():',
      body(upgrade),
      '',
      '',
      'def downgrade():',
      body(downgrade),
      '',
    ].join('\n'),
  };
}
