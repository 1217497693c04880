"""Oven schedule

Revision ID: c3d9b2a6e471
Revises: a1c4e7f20b19
Create Date: 2025-01-10 05:47:02.530911

"""
import os

from alembic import op

# revision identifiers, used by Alembic.
revision = "c3d9b2a6e471"
down_revision = "a1c4e7f20b19"
branch_labels = None
depends_on = None

here = os.path.dirname(__file__)


def upgrade():
    op.execute(open(os.path.join(here, f"{revision}_upgrade.sql")).read())


def downgrade():
    op.execute(open(os.path.join(here, f"{revision}_downgrade.sql")).read())
