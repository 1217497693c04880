"""job tables

Revision ID: 1a2b3c4d5e6f
Revises:
Create Date: 2024-01-10 09:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "1a2b3c4d5e6f"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "flow_run_state",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "task_run",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("flow_run_state_id", sa.String(), sa.ForeignKey("flow_run_state.id")),
        sa.Column("created", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_task_run__created", "task_run", ["created"])


def downgrade():
    op.drop_index("ix_task_run__created", table_name="task_run")
    op.drop_table("task_run")
    op.drop_table("flow_run_state")
