"""Fill gaps in the hourly rollups

Revision ID: b2c7a5e4f918
Revises: 9e6d13b8c7f0
Create Date: 2024-05-07 11:21:48.639025

"""
import os

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b2c7a5e4f918'
down_revision = '9e6d13b8c7f0'
branch_labels = None
depends_on = None


def sqlfile(name):
    with open(os.path.join(os.path.dirname(__file__), name + '.sql')) as fo:
        return sa.text(fo.read())


def upgrade():
    name, _ = os.path.basename(__file__).rsplit('.', 1)
    op.get_bind().execute(sqlfile(name))


def downgrade():
    pass
