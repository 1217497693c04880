"""add connector_runs

Revision ID: 8c1f2e4b7a90
Revises: 5a9d6371e18c
Create Date: 2025-10-12 14:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

revision = "8c1f2e4b7a90"
down_revision = "5a9d6371e18c"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "connector_runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("connector", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_connector_runs_connector", "connector_runs", ["connector"])


def downgrade() -> None:
    op.drop_index("ix_connector_runs_connector", table_name="connector_runs")
    op.drop_table("connector_runs")
