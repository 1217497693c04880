"""flow_run_state.name NOT NULL: SQLite rebuilds the table

Revision ID: aa11bb22cc33
Revises: 3c4d5e6f7081
Create Date: 2026-11-25 12:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "aa11bb22cc33"
down_revision = "3c4d5e6f7081"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("PRAGMA foreign_keys=OFF")
    op.rename_table("flow_run_state", "_flow_run_state_old")
    op.create_table(
        "flow_run_state",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
    )
    op.execute(
        "INSERT INTO flow_run_state (id, type, created, name) "
        "SELECT id, type, created, coalesce(name, '') FROM _flow_run_state_old"
    )
    op.drop_table("_flow_run_state_old")
    op.execute("PRAGMA foreign_keys=ON")


def downgrade():
    op.execute("PRAGMA foreign_keys=OFF")
    op.rename_table("flow_run_state", "_flow_run_state_new")
    op.create_table(
        "flow_run_state",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("name", sa.String(), nullable=True),
    )
    op.execute(
        "INSERT INTO flow_run_state (id, type, created, name) "
        "SELECT id, type, created, name FROM _flow_run_state_new"
    )
    op.drop_table("_flow_run_state_new")
    op.execute("PRAGMA foreign_keys=ON")
