import type { RuleExample } from '../../../rule.js';

/**
 * What the COV rules' docs share: a policy that judges Alembic revisions, and the Django app
 * beside them that nothing judges.
 */
export const ALEMBIC_POLICY = 'version: 1\nmigrations:\n  alembic: alembic/versions\n';

export const DJANGO_MIGRATION =
  'from django.db import migrations\n\n\n' +
  'class Migration(migrations.Migration):\n' +
  '    dependencies = [("shop", "0001_initial")]\n' +
  '    operations = [migrations.DeleteModel(name="Order")]\n';

export const ALEMBIC_REVISION =
  'from alembic import op\nimport sqlalchemy as sa\n\n' +
  'revision = "a1b2c3d4e5f6"\n' +
  'down_revision = None\n\n\n' +
  'def upgrade():\n' +
  '    op.add_column("users", sa.Column("nickname", sa.Text()))\n';

/** An example of `file` with `text`, the policy beside it (and `more` files). */
export function coverageExample(
  verdict: RuleExample['verdict'],
  file: string,
  text: string,
  beside: Record<string, string> = {},
): RuleExample {
  return { verdict, file, text, beside: { 'slipway.yaml': ALEMBIC_POLICY, ...beside } };
}

/** How a team makes a COV rule fail CI, or silences it: in the policy, never a comment. */
export function coverageSuppressDocs(id: string): string {
  return (
    `\`rules: { ${id}: off }\` in the policy silences it; \`rules: { ${id}: error }\` makes CI fail while ` +
    'such files exist. A `slipway: allow` comment does not lift it: it is about files no rule reads.'
  );
}
