import type { Finding } from '../../finding.js';
import { finding, type MigFacts, type MigHistoryRule } from './facts/mig-facts.js';
import { revisionRange, revisionRelated } from './facts/revision-location.js';

/** MIG102: the same revision id in two files. */
export const duplicateRevision: MigHistoryRule = {
  id: 'MIG102',
  name: 'duplicate-revision',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: 'duplicate revision id',
  docs: {
    what: 'Two files declare the same `revision` id.',
    why:
      'Two files declare the same `revision`: Alembic silently keeps one of them, so the other never ' +
      'runs and databases drift apart.',
    fix: 'Give the newer file a fresh id (`alembic revision` generates one) and re-parent its children.',
    suppress:
      'One finding: `# slipway: allow MIG102 -- reason` on its line or the line above (`-- slipway: ' +
      'allow MIG102 -- reason` in .sql files). Every finding: `rules: { MIG102: off }` (or another ' +
      'severity) in the policy.',
    examples: [
      {
        verdict: 'flagged',
        file: 'alembic/versions/7d1e4a9b2c3f_add_user_time_zone.py',
        text:
          '"""add user time zone\n' +
          '\n' +
          'Revision ID: 9f8e7d6c5b4a\n' +
          'Revises: 3b7c2e9d41a0\n' +
          'Create Date: 2025-12-01 09:12:44.123456\n' +
          '\n' +
          '"""\n' +
          'import sqlalchemy as sa\n' +
          'from alembic import op\n' +
          '\n' +
          'revision = "9f8e7d6c5b4a"\n' +
          'down_revision = "3b7c2e9d41a0"\n' +
          'branch_labels = None\n' +
          'depends_on = None\n' +
          '\n' +
          '\n' +
          'def upgrade():\n' +
          '    op.execute("SET lock_timeout = \'5s\'")\n' +
          '    op.add_column("users", sa.Column("time_zone", sa.String(64), nullable=True))\n' +
          '\n' +
          '\n' +
          'def downgrade():\n' +
          '    op.drop_column("users", "time_zone")\n',
        beside: {
          'alembic/versions/3b7c2e9d41a0_create_users.py':
            '"""create users\n' +
            '\n' +
            'Revision ID: 3b7c2e9d41a0\n' +
            'Revises: \n' +
            'Create Date: 2025-12-01 09:12:44.123456\n' +
            '\n' +
            '"""\n' +
            'import sqlalchemy as sa\n' +
            'from alembic import op\n' +
            '\n' +
            'revision = "3b7c2e9d41a0"\n' +
            'down_revision = None\n' +
            'branch_labels = None\n' +
            'depends_on = None\n' +
            '\n' +
            '\n' +
            'def upgrade():\n' +
            '    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))\n' +
            '\n' +
            '\n' +
            'def downgrade():\n' +
            '    op.drop_table("users")\n',
          'alembic/versions/9f8e7d6c5b4a_add_user_locale.py':
            '"""add user locale\n' +
            '\n' +
            'Revision ID: 9f8e7d6c5b4a\n' +
            'Revises: 3b7c2e9d41a0\n' +
            'Create Date: 2025-12-01 09:12:44.123456\n' +
            '\n' +
            '"""\n' +
            'import sqlalchemy as sa\n' +
            'from alembic import op\n' +
            '\n' +
            'revision = "9f8e7d6c5b4a"\n' +
            'down_revision = "3b7c2e9d41a0"\n' +
            'branch_labels = None\n' +
            'depends_on = None\n' +
            '\n' +
            '\n' +
            'def upgrade():\n' +
            '    op.execute("SET lock_timeout = \'5s\'")\n' +
            '    op.add_column("users", sa.Column("locale", sa.String(8), nullable=True))\n' +
            '\n' +
            '\n' +
            'def downgrade():\n' +
            '    op.drop_column("users", "locale")\n',
        },
      },
      {
        verdict: 'fine',
        file: 'alembic/versions/7d1e4a9b2c3f_add_user_time_zone.py',
        text:
          '"""add user time zone\n' +
          '\n' +
          'Revision ID: 7d1e4a9b2c3f\n' +
          'Revises: 9f8e7d6c5b4a\n' +
          'Create Date: 2025-12-01 09:12:44.123456\n' +
          '\n' +
          '"""\n' +
          'import sqlalchemy as sa\n' +
          'from alembic import op\n' +
          '\n' +
          'revision = "7d1e4a9b2c3f"\n' +
          'down_revision = "9f8e7d6c5b4a"\n' +
          'branch_labels = None\n' +
          'depends_on = None\n' +
          '\n' +
          '\n' +
          'def upgrade():\n' +
          '    op.execute("SET lock_timeout = \'5s\'")\n' +
          '    op.add_column("users", sa.Column("time_zone", sa.String(64), nullable=True))\n' +
          '\n' +
          '\n' +
          'def downgrade():\n' +
          '    op.drop_column("users", "time_zone")\n',
        beside: {
          'alembic/versions/3b7c2e9d41a0_create_users.py':
            '"""create users\n' +
            '\n' +
            'Revision ID: 3b7c2e9d41a0\n' +
            'Revises: \n' +
            'Create Date: 2025-12-01 09:12:44.123456\n' +
            '\n' +
            '"""\n' +
            'import sqlalchemy as sa\n' +
            'from alembic import op\n' +
            '\n' +
            'revision = "3b7c2e9d41a0"\n' +
            'down_revision = None\n' +
            'branch_labels = None\n' +
            'depends_on = None\n' +
            '\n' +
            '\n' +
            'def upgrade():\n' +
            '    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))\n' +
            '\n' +
            '\n' +
            'def downgrade():\n' +
            '    op.drop_table("users")\n',
          'alembic/versions/9f8e7d6c5b4a_add_user_locale.py':
            '"""add user locale\n' +
            '\n' +
            'Revision ID: 9f8e7d6c5b4a\n' +
            'Revises: 3b7c2e9d41a0\n' +
            'Create Date: 2025-12-01 09:12:44.123456\n' +
            '\n' +
            '"""\n' +
            'import sqlalchemy as sa\n' +
            'from alembic import op\n' +
            '\n' +
            'revision = "9f8e7d6c5b4a"\n' +
            'down_revision = "3b7c2e9d41a0"\n' +
            'branch_labels = None\n' +
            'depends_on = None\n' +
            '\n' +
            '\n' +
            'def upgrade():\n' +
            '    op.execute("SET lock_timeout = \'5s\'")\n' +
            '    op.add_column("users", sa.Column("locale", sa.String(8), nullable=True))\n' +
            '\n' +
            '\n' +
            'def downgrade():\n' +
            '    op.drop_column("users", "locale")\n',
        },
      },
    ],
  },
  check(facts: MigFacts): Finding[] {
    const out: Finding[] = [];
    for (const tree of facts.analysis.trees) {
      for (const dup of tree.graph.duplicates) {
        const [first, ...rest] = dup.modules;
        if (!first) continue;
        for (const m of rest) {
          out.push(
            finding(
              duplicateRevision,
              m.path,
              revisionRange(m),
              `revision ${dup.revision} is also declared by ${first.path}; Alembic keeps only one of them, so give this file a new revision id.`,
              [revisionRelated(first, 'first declared here')],
            ),
          );
        }
      }
    }
    return out;
  },
};
