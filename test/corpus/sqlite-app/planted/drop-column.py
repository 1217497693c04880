"""drop task_run.state_name

Revision ID: dd44ee55ff66
Revises: aa11bb22cc33
Create Date: 2026-11-25 13:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "dd44ee55ff66"
down_revision = "aa11bb22cc33"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("task_run", schema=None) as batch_op:
        batch_op.drop_index("ix_task_run__state_name")
        batch_op.drop_column("state_name")


def downgrade():
    with op.batch_alter_table("task_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state_name", sa.String(), nullable=True))
        batch_op.create_index("ix_task_run__state_name", ["state_name"], unique=False)
