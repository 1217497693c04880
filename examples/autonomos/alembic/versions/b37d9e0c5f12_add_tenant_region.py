"""add tenants.region

Revision ID: b37d9e0c5f12
Revises: 8c1f2e4b7a90
Create Date: 2025-10-20 08:15:00.000000

"""
import sqlalchemy as sa
from alembic import op

revision = "b37d9e0c5f12"
down_revision = "8c1f2e4b7a90"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tenants", sa.Column("region", sa.String(16), nullable=False, server_default="eu"))
    with op.get_context().autocommit_block():
        op.create_index("ix_tenants_region", "tenants", ["region"], postgresql_concurrently=True)


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("ix_tenants_region", table_name="tenants", postgresql_concurrently=True)
    op.drop_column("tenants", "region")
