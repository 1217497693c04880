"""Books, members and loans

Revision ID: e41f7c09a2d6
Revises: 
Create Date: 2023-10-02 19:40:11.204815

"""
from pathlib import Path

from alembic import op


# revision identifiers, used by Alembic.
revision = 'e41f7c09a2d6'
down_revision = None
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
