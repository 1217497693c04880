"""Look up a member's loans

Revision ID: c0a92e5b7d48
Revises: 8b35d0e6f1c7
Create Date: 2023-11-06 18:52:03.917256

"""
from pathlib import Path

from alembic import op


# revision identifiers, used by Alembic.
revision = 'c0a92e5b7d48'
down_revision = '8b35d0e6f1c7'
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
