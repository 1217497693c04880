"""Overdue notices sent to members

Revision ID: 8b35d0e6f1c7
Revises: e41f7c09a2d6
Create Date: 2023-10-16 20:05:39.661042

"""
from pathlib import Path

from alembic import op


# revision identifiers, used by Alembic.
revision = '8b35d0e6f1c7'
down_revision = 'e41f7c09a2d6'
branch_labels = None
depends_on = None


def upgrade():
    sql = Path(__file__).parent.parent / 'sql' / 'upgrade' / Path(__file__).with_suffix('.sql').name
    with open(sql) as fp:
        op.execute(fp.read())


def downgrade():
    sql = Path(__file__).parent.parent / 'sql' / 'downgrade' / Path(__file__).with_suffix('.sql').name
    with open(sql) as fp:
        op.execute(fp.read())
