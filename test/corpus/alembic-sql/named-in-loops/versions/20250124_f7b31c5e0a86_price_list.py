"""Price list

Revision ID: f7b31c5e0a86
Revises: e5a08f3c9d22
Create Date: 2025-01-24 06:30:18.447120

"""
import os

from alembic import op

# revision identifiers, used by Alembic.
revision = "f7b31c5e0a86"
down_revision = "e5a08f3c9d22"
branch_labels = None
depends_on = None


def _run(name):
    op.execute(open(os.path.join(os.path.dirname(__file__), "sql", name)).read())


def upgrade():
    for name in ("prices.sql", "prices_seed.sql"):
        _run(name)


def downgrade():
    op.drop_table("prices")
