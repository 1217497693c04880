"""Flour deliveries, imported from the mill's files

Revision ID: e5a08f3c9d22
Revises: c3d9b2a6e471
Create Date: 2025-01-17 07:03:55.902417

"""
import os

from alembic import op

# revision identifiers, used by Alembic.
revision = "e5a08f3c9d22"
down_revision = "c3d9b2a6e471"
branch_labels = None
depends_on = None

IMPORTS = os.path.join(os.path.dirname(__file__), "sql", "imports")


def upgrade():
    for name in sorted(os.listdir(IMPORTS)):
        op.execute(open(os.path.join(IMPORTS, name)).read())


def downgrade():
    op.drop_table("flour_deliveries")
